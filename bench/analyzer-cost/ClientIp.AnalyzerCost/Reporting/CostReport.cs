using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ClientIp.AnalyzerCost.Reporting;

/// <summary>
/// Turns the logs of the measured builds into the markdown tables of bench/analyzer-cost/README.md: medians over the
/// runs, with every run's value shown next to them.
/// </summary>
/// <remarks>
/// Expected files in the logs directory: <c>web-with-{i}.log</c>, <c>web-without-{i}.log</c>, optionally
/// <c>web-warm-with-{i}.log</c> / <c>web-warm-without-{i}.log</c> (builds through a warm compiler server),
/// <c>small-with-{i}.log</c> / <c>small-without-{i}.log</c> and their <c>small-warm-*</c> pair (the small app),
/// <c>lib-with-{i}.log</c>, and the generators' <c>web-manifest.tsv</c> / <c>small-manifest.tsv</c> / <c>lib-manifest.tsv</c>.
/// </remarks>
internal static class CostReport
{
    /// <summary>Goal: our analyzers cost at most this share of the ASP.NET Core framework analyzers' time.</summary>
    public const double GoalShareOfAspNetCore = 0.05;

    /// <summary>Goal for the small app with a fresh compiler process (issue 15): fixed costs weigh more there.</summary>
    public const double SmallGoal = 0.08;

    /// <summary>Goal: our analyzers cost well under this share of the compilation.</summary>
    public const double GoalShareOfCompilation = 0.01;

    private const string Ours = "ClientIp.Analyzers";

    /// <summary>The analyzer assemblies of the ASP.NET Core framework (shared framework pack and Web SDK).</summary>
    public static bool IsAspNetCore(string assembly) => assembly.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal);

    /// <summary>The yardstick built from bench/analyzer-cost/ReferenceAnalyzer: one rule matching one property.</summary>
    public static bool IsReference(string assembly) => assembly == "Bench.ReferenceAnalyzer";

    /// <summary>Our analyzer assemblies (the code-fix assembly holds no analyzer but is passed to the compiler too).</summary>
    public static bool IsOurs(string assembly) => assembly is Ours or "ClientIp.CodeFixes";

    public static string Write(string logsDirectory)
    {
        var web = Runs(logsDirectory, "web-with");
        var webWithout = Runs(logsDirectory, "web-without");
        var lib = Runs(logsDirectory, "lib-with");
        var output = new StringBuilder();

        // The smoke run measures the small app only: there is no web app, nor its manifest, then.
        if (web.Count > 0)
        {
            var webManifest = Manifest.Read(Path.Combine(logsDirectory, "web-manifest.tsv"));
            WriteWeb(output, "ASP.NET Core web app, one compiler process per build", web, webWithout, webManifest);
            var warm = Runs(logsDirectory, "web-warm-with");
            if (warm.Count > 0)
            {
                WriteWeb(output, "ASP.NET Core web app, warm compiler server", warm, Runs(logsDirectory, "web-warm-without"), webManifest);
            }
        }

        // The small app (--kind small, about 20 files): fixed costs dominate there.
        var small = Runs(logsDirectory, "small-with");
        if (small.Count > 0)
        {
            var smallManifest = Manifest.Read(Path.Combine(logsDirectory, "small-manifest.tsv"));
            WriteWeb(output, "Small ASP.NET Core app, one compiler process per build", small, Runs(logsDirectory, "small-without"), smallManifest, SmallGoal);
        }

        var smallWarm = Runs(logsDirectory, "small-warm-with");
        if (smallWarm.Count > 0)
        {
            var smallManifest = Manifest.Read(Path.Combine(logsDirectory, "small-manifest.tsv"));
            WriteWeb(output, "Small ASP.NET Core app, warm compiler server", smallWarm, Runs(logsDirectory, "small-warm-without"), smallManifest, GoalShareOfAspNetCore);
        }

        if (lib.Count > 0)
        {
            var libManifest = Manifest.Read(Path.Combine(logsDirectory, "lib-manifest.tsv"));
            WriteLibrary(output, lib, libManifest);
        }

        return output.ToString();
    }

    private static void WriteWeb(StringBuilder o, string title, IReadOnlyList<CompilerLog> with, IReadOnlyList<CompilerLog> without, Manifest manifest,
        double goal = GoalShareOfAspNetCore)
    {
        var goalText = (goal * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
        var ours = with.Select(r => r.AnalyzerSeconds(IsOurs)).ToList();
        var aspNet = with.Select(r => r.AnalyzerSeconds(IsAspNetCore)).ToList();
        var all = with.Select(r => r.TotalAnalyzerSeconds).ToList();
        var compile = with.Select(r => r.CoreCompileSeconds).ToList();
        var shareOfAspNet = with.Select(r => r.AnalyzerSeconds(IsOurs) / r.AnalyzerSeconds(IsAspNetCore)).ToList();
        var shareOfCompile = with.Select(r => r.AnalyzerSeconds(IsOurs) / r.CoreCompileSeconds).ToList();

        o.AppendLine(CultureInfo.InvariantCulture, $"### {title}: {manifest.Files:N0} files, {manifest.Lines:N0} lines, {with.Count} runs");
        o.AppendLine();
        o.AppendLine("| Measure | Median | Runs |");
        o.AppendLine("|---|---:|---|");
        Row(o, "Our analyzers (ClientIp.Analyzers), analyzer time", ours, Seconds);
        Row(o, "ASP.NET Core framework analyzers (Microsoft.AspNetCore.*), analyzer time", aspNet, Seconds);
        Row(o, $"**Ours / ASP.NET Core analyzers** (goal ≤ {goalText})", shareOfAspNet, Percent, bold: true);
        if (with.Any(r => r.AnalyzerSeconds(IsReference) > 0))
        {
            Row(o, "Reference: one rule matching one property (bench/analyzer-cost/ReferenceAnalyzer)", with.Select(r => r.AnalyzerSeconds(IsReference)).ToList(), Seconds);
            Row(o, "Reference / ASP.NET Core analyzers (the issue's \"under 1 %\")", with.Select(r => r.AnalyzerSeconds(IsReference) / r.AnalyzerSeconds(IsAspNetCore)).ToList(), Percent);
        }

        Row(o, "All analyzers in the build, analyzer time", all, Seconds);
        Row(o, "CoreCompile (csc, with ours)", compile, Seconds);
        Row(o, "**Ours / CoreCompile** (goal well under 1 %)", shareOfCompile, Percent, bold: true);
        if (without.Count > 0)
        {
            var pairs = Math.Min(with.Count, without.Count);
            var wallWith = with.Take(pairs).Select(r => r.ElapsedSeconds).ToList();
            var wallWithout = without.Take(pairs).Select(r => r.ElapsedSeconds).ToList();
            var wallDiff = Enumerable.Range(0, pairs).Select(i => wallWith[i] - wallWithout[i]).ToList();
            var compileWithout = without.Take(pairs).Select(r => r.CoreCompileSeconds).ToList();
            var compileDiff = Enumerable.Range(0, pairs).Select(i => with[i].CoreCompileSeconds - compileWithout[i]).ToList();
            Row(o, "CoreCompile, without ours", compileWithout, Seconds);
            Row(o, "CoreCompile difference (with − without, same run)", compileDiff, SignedSeconds);
            Row(o, "Build wall time, with ours", wallWith, Seconds);
            Row(o, "Build wall time, without ours", wallWithout, Seconds);
            Row(o, "Wall-time difference (with − without, same run)", wallDiff, SignedSeconds);
            Row(o, "ASP.NET Core framework analyzers in the build without ours", without.Take(pairs).Select(r => r.AnalyzerSeconds(IsAspNetCore)).ToList(), Seconds);
        }

        o.AppendLine();
        var shareVerdict = Median(shareOfAspNet) <= goal ? "met" : "NOT met";
        var compileVerdict = Median(shareOfCompile) < GoalShareOfCompilation / 4 ? "met" : "NOT met";
        o.AppendLine(CultureInfo.InvariantCulture, $"Goal ours ≤ {goalText} of the ASP.NET Core analyzers: **{shareVerdict}** ({Percent(Median(shareOfAspNet))}). Goal ours well under 1 % of CoreCompile (taken as < 0.25 %): **{compileVerdict}** ({Percent(Median(shareOfCompile))}).");
        if (with.Any(r => r.Errors > 0) || without.Any(r => r.Errors > 0))
        {
            o.AppendLine();
            o.AppendLine("**Warning: some builds reported compile errors; their numbers are not comparable.**");
        }

        o.AppendLine();
        o.AppendLine("Per analyzer (ours), median seconds:");
        o.AppendLine();
        PerMember(o, with, IsOurs);
        o.AppendLine();
        o.AppendLine("ASP.NET Core framework analyzer assemblies, median seconds:");
        o.AppendLine();
        o.AppendLine("| Assembly | Median | Runs |");
        o.AppendLine("|---|---:|---|");
        foreach (var name in with.SelectMany(r => r.Analyzers).Select(a => a.Assembly).Where(IsAspNetCore).Distinct().Order(StringComparer.Ordinal))
        {
            Row(o, name, with.Select(r => r.Analyzers.FirstOrDefault(a => a.Assembly == name)?.Seconds ?? 0).ToList(), Seconds);
        }

        o.AppendLine();
        o.AppendLine("Diagnostics: files the generator planted a mistake in, and warnings our analyzers reported (first run):");
        o.AppendLine();
        o.AppendLine("| Rule | Files with a planted mistake | Warnings reported |");
        o.AppendLine("|---|---:|---:|");
        var reported = with[0].ClientIpDiagnostics;
        foreach (var rule in manifest.PlantedByRule.Keys.Union(reported.Keys).Order(StringComparer.Ordinal))
        {
            o.AppendLine(CultureInfo.InvariantCulture, $"| {rule} | {manifest.PlantedByRule.GetValueOrDefault(rule)} | {reported.GetValueOrDefault(rule)} |");
        }

        o.AppendLine();
    }

    private static void WriteLibrary(StringBuilder o, IReadOnlyList<CompilerLog> runs, Manifest manifest)
    {
        o.AppendLine(CultureInfo.InvariantCulture, $"### Plain class library, no ASP.NET Core: {manifest.Files:N0} files, {manifest.Lines:N0} lines, {runs.Count} runs");
        o.AppendLine();
        o.AppendLine("| Measure | Median | Runs |");
        o.AppendLine("|---|---:|---|");
        Row(o, "Our analyzers (ClientIp.Analyzers), analyzer time", runs.Select(r => r.AnalyzerSeconds(IsOurs)).ToList(), Seconds);
        Row(o, "All analyzers in the build, analyzer time", runs.Select(r => r.TotalAnalyzerSeconds).ToList(), Seconds);
        Row(o, "CoreCompile (csc)", runs.Select(r => r.CoreCompileSeconds).ToList(), Seconds);
        Row(o, "CIP warnings reported", runs.Select(r => (double)r.ClientIpDiagnostics.Values.Sum()).ToList(), v => v.ToString("0", CultureInfo.InvariantCulture));
        o.AppendLine();
        o.AppendLine("Per analyzer (ours), median seconds (\"<0.001\" is the compiler's own resolution):");
        o.AppendLine();
        PerMember(o, runs, IsOurs);
        o.AppendLine();
    }

    private static void PerMember(StringBuilder o, IReadOnlyList<CompilerLog> runs, Func<string, bool> assemblies)
    {
        var names = runs.SelectMany(r => r.Analyzers).Where(a => assemblies(a.Assembly))
            .SelectMany(a => a.Analyzers.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            o.AppendLine("(none: the compiler reported no analyzer of ours in this build)");
            return;
        }

        o.AppendLine("| Analyzer | Median | Runs |");
        o.AppendLine("|---|---:|---|");
        foreach (var name in names)
        {
            var values = runs.Select(r => r.Analyzers.Where(a => assemblies(a.Assembly))
                .Sum(a => a.Analyzers.GetValueOrDefault(name))).ToList();
            Row(o, name, values, Seconds);
        }
    }

    private static IReadOnlyList<CompilerLog> Runs(string directory, string prefix) =>
        Directory.EnumerateFiles(directory, prefix + "-*.log")
            .Select(f => (File: f, Index: int.Parse(Path.GetFileNameWithoutExtension(f)[(prefix.Length + 1)..], CultureInfo.InvariantCulture)))
            .OrderBy(f => f.Index)
            .Select(f => CompilerLog.Parse(f.File))
            .ToList();

    private static void Row(StringBuilder o, string label, IReadOnlyList<double> values, Func<double, string> format, bool bold = false)
    {
        var median = format(Median(values));
        o.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {(bold ? $"**{median}**" : median)} | {string.Join(" / ", values.Select(format))} |");
    }

    /// <summary>The median (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Seconds(double s) => s < 0.001 ? "<0.001 s" : s.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static string SignedSeconds(double s) => s.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) + " s";

    private static string Percent(double ratio) =>
        double.IsFinite(ratio) ? (ratio * 100).ToString(ratio < 0.01 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + " %" : "n/a";
}

/// <summary>The generator's manifest.tsv: size of the project and where mistakes were planted.</summary>
internal sealed record Manifest(int Files, int Lines, IReadOnlyDictionary<string, int> PlantedByRule)
{
    public static Manifest Read(string path)
    {
        int files = 0, lines = 0;
        var planted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var fields in File.ReadLines(path).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')))
        {
            switch (fields[0])
            {
                case "files":
                    files = int.Parse(fields[1], CultureInfo.InvariantCulture);
                    break;
                case "lines":
                    lines = int.Parse(fields[1], CultureInfo.InvariantCulture);
                    break;
                case "planted":
                    planted[fields[1]] = planted.GetValueOrDefault(fields[1]) + 1;
                    break;
            }
        }

        return new Manifest(files, lines, planted);
    }
}
