using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ClientIp.AnalyzerCost.Reporting;

/// <summary>Execution time of one analyzer (or generator) assembly and of each analyzer in it.</summary>
/// <param name="Assembly">Simple assembly name, e.g. <c>Microsoft.AspNetCore.App.Analyzers</c>.</param>
internal sealed record AssemblyTime(string Assembly, double Seconds, IReadOnlyDictionary<string, double> Analyzers);

/// <summary>
/// What one build's detailed log says about the compilation of the generated project: the compiler's
/// <c>-p:ReportAnalyzer=true</c> tables, the CoreCompile target time, the build's elapsed time and the CIP warnings.
/// </summary>
internal sealed record CompilerLog(
    double TotalAnalyzerSeconds,
    IReadOnlyList<AssemblyTime> Analyzers,
    IReadOnlyList<AssemblyTime> Generators,
    double CoreCompileSeconds,
    double ElapsedSeconds,
    IReadOnlyDictionary<string, int> ClientIpDiagnostics,
    int Errors)
{
    // "   0.431   50   Microsoft.AspNetCore.App.Analyzers, Version=..." or "  <0.001   <1      Some.Analyzer (ID1, ID2)".
    // Warnings are logged twice (as raised, prefixed "1>", and in the summary), so their file group excludes ">".
    private static readonly Regex Row = new(@"^\s*(<?[0-9]+\.[0-9]+)\s+(<?[0-9]+)\s+(\S.*)$", RegexOptions.Compiled);
    private static readonly Regex TotalAnalyzers = new(@"Total analyzer execution time: ([0-9.]+) seconds", RegexOptions.Compiled);
    private static readonly Regex CoreCompile = new(@"^\s*([0-9]+) ms\s+CoreCompile\s+[0-9]+ calls", RegexOptions.Compiled);
    private static readonly Regex Elapsed = new(@"^Time Elapsed ([0-9]+):([0-9]+):([0-9.]+)", RegexOptions.Compiled);
    private static readonly Regex CipWarning = new(@"([^\s>]+\.cs)\(([0-9]+),([0-9]+)\): warning (CIP[0-9]{4})", RegexOptions.Compiled);
    private static readonly Regex CompileError = new(@": error CS[0-9]{4}", RegexOptions.Compiled);

    /// <summary>Parses a log written with <c>-flp:v=detailed;PerformanceSummary</c>.</summary>
    /// <remarks>If the log holds several compilations, the last one is the generated project's (it builds last).</remarks>
    public static CompilerLog Parse(string path)
    {
        var lines = File.ReadAllLines(path);
        var lastTotal = Array.FindLastIndex(lines, l => TotalAnalyzers.IsMatch(l));
        if (lastTotal < 0)
        {
            throw new InvalidDataException($"{path}: no 'Total analyzer execution time' (was the build run with -p:ReportAnalyzer=true and a detailed log?).");
        }

        var total = double.Parse(TotalAnalyzers.Match(lines[lastTotal]).Groups[1].Value, CultureInfo.InvariantCulture);
        var analyzers = new List<AssemblyTime>();
        var generators = new List<AssemblyTime>();
        var target = analyzers;
        string? assembly = null;
        double assemblySeconds = 0;
        var members = new Dictionary<string, double>(StringComparer.Ordinal);

        void Flush()
        {
            if (assembly is not null)
            {
                target.Add(new AssemblyTime(assembly, assemblySeconds, new Dictionary<string, double>(members, StringComparer.Ordinal)));
            }

            assembly = null;
            members.Clear();
        }

        for (var i = lastTotal + 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Contains("Done executing task \"Csc\"", StringComparison.Ordinal))
            {
                break;
            }

            if (line.Contains("Total generator execution time", StringComparison.Ordinal))
            {
                Flush();
                target = generators;
                continue;
            }

            var row = Row.Match(line);
            if (!row.Success)
            {
                continue;
            }

            var seconds = ParseSeconds(row.Groups[1].Value);
            var name = row.Groups[3].Value.Trim();
            if (name.Contains(", Version=", StringComparison.Ordinal))
            {
                Flush();
                assembly = name[..name.IndexOf(',', StringComparison.Ordinal)];
                assemblySeconds = seconds;
            }
            else if (assembly is not null)
            {
                members[name] = members.GetValueOrDefault(name) + seconds;
            }
        }

        Flush();

        double coreCompile = 0, elapsed = 0;
        var diagnostics = new HashSet<(string File, string Line, string Column, string Id)>();
        var errors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (CoreCompile.Match(line) is { Success: true } cc)
            {
                coreCompile = double.Parse(cc.Groups[1].Value, CultureInfo.InvariantCulture) / 1000;
            }
            else if (Elapsed.Match(line) is { Success: true } el)
            {
                elapsed = (int.Parse(el.Groups[1].Value, CultureInfo.InvariantCulture) * 3600)
                    + (int.Parse(el.Groups[2].Value, CultureInfo.InvariantCulture) * 60)
                    + double.Parse(el.Groups[3].Value, CultureInfo.InvariantCulture);
            }
            else if (CipWarning.Match(line) is { Success: true } w)
            {
                diagnostics.Add((w.Groups[1].Value, w.Groups[2].Value, w.Groups[3].Value, w.Groups[4].Value));
            }
            else if (CompileError.IsMatch(line))
            {
                errors.Add(line.Trim());
            }
        }

        var byRule = diagnostics.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new CompilerLog(total, analyzers, generators, coreCompile, elapsed, byRule, errors.Count);
    }

    /// <summary>Seconds spent in the analyzer assemblies whose names satisfy <paramref name="match"/>.</summary>
    public double AnalyzerSeconds(Func<string, bool> match) => Analyzers.Where(a => match(a.Assembly)).Sum(a => a.Seconds);

    // The compiler prints "<0.001" for times under a millisecond; count them as half a millisecond.
    private static double ParseSeconds(string text) =>
        text.StartsWith('<') ? 0.0005 : double.Parse(text, CultureInfo.InvariantCulture);
}
