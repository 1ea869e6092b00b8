using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ClientIp.Judgement;

// dotnet run --project bench/judgement/ClientIp.Judgement -c Release -- [--cases DIR] [--out FILE] [--only SUBSTRING] [--verbose] [--dump DIR]
// --dump writes every case's files after all its read fixes, for reading what the fixes did.
var casesFolder = Path.Combine(FindRepositoryRoot(), "bench", "judgement", "cases");
string? output = null, only = null, dump = null;
var verbose = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cases": casesFolder = Path.GetFullPath(args[++i]); break;
        case "--out": output = Path.GetFullPath(args[++i]); break;
        case "--only": only = args[++i]; break;
        case "--verbose": verbose = true; break;
        case "--dump": dump = Path.GetFullPath(args[++i]); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

var cases = Case.LoadAll(casesFolder).Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
var evaluator = new Evaluator();
var results = new List<CaseResult>();
foreach (var @case in cases)
{
    var result = await evaluator.EvaluateAsync(@case, CancellationToken.None);
    results.Add(result);
    foreach (var (file, text) in result.FixedFiles)
    {
        if (dump is not null)
        {
            var path = Path.Combine(dump, @case.Name.Replace('/', '_').Replace(".cs", "") + "__" + file);
            Directory.CreateDirectory(dump);
            File.WriteAllText(path, text);
        }
    }

    if (verbose)
    {
        Console.Error.WriteLine($"{@case.Name}: {result.Matches.Count(m => m.Reported is not null)}/{result.Matches.Count} found, {result.FalseReports.Count} false");
    }
}

var report = Report.Render(results);
Console.WriteLine(report);
if (output is not null)
{
    File.WriteAllText(output, report);
}

return results.Any(r => r.Problems.Count > 0) ? 1 : 0;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ClientIp.Analyzers.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the repository");
}

internal static class Report
{
    private static readonly string[] Ids = { "CIP0001", "CIP0002", "CIP0003", "CIP0004", "CIP0005" };

    public static string Render(IReadOnlyList<CaseResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Judgement on {results.Count} cases ({results.Sum(r => r.Case.Expected.Count)} expected diagnostics)");
        text.AppendLine();
        text.AppendLine("| Rule | Expected | Found | Missed | False reports | Precision | Recall |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var id in Ids.Append("all"))
        {
            bool Of(string d) => id == "all" || d == id;
            var expected = results.Sum(r => r.Matches.Count(m => Of(m.Expected.Id)));
            var found = results.Sum(r => r.Matches.Count(m => Of(m.Expected.Id) && m.Reported is not null));
            var falseReports = results.Sum(r => r.FalseReports.Count(d => Of(d.Id)));
            text.AppendLine($"| {id} | {expected} | {found} | {expected - found} | {falseReports} | {Ratio(found, found + falseReports)} | {Ratio(found, expected)} |");
        }

        var fixes = results.SelectMany(r => r.Fixes).ToList();
        var offered = fixes.Count(f => f.Offered);
        var good = fixes.Count(f => f.Offered && f.Compiles && f.Clears && f.CallsResolver);
        var withReads = results.Where(r => r.ReadDiagnostics > 0).ToList();
        text.AppendLine();
        text.AppendLine("| Fixes (CIP0001-CIP0003 reports) | Count | Share |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine($"| Reports | {fixes.Count} | |");
        text.AppendLine($"| Fix offered | {offered} | {Ratio(offered, fixes.Count)} |");
        text.AppendLine($"| Offered fix compiles | {fixes.Count(f => f.Offered && f.Compiles)} | {Ratio(fixes.Count(f => f.Offered && f.Compiles), offered)} |");
        text.AppendLine($"| Offered fix adds no compiler warning | {fixes.Count(f => f.Offered && f.NoNewWarnings)} | {Ratio(fixes.Count(f => f.Offered && f.NoNewWarnings), offered)} |");
        text.AppendLine($"| Offered fix clears its diagnostic | {fixes.Count(f => f.Offered && f.Clears)} | {Ratio(fixes.Count(f => f.Offered && f.Clears), offered)} |");
        text.AppendLine($"| Offered fix calls the resolver | {fixes.Count(f => f.Offered && f.CallsResolver)} | {Ratio(fixes.Count(f => f.Offered && f.CallsResolver), offered)} |");
        text.AppendLine($"| All four | {good} | {Ratio(good, offered)} |");
        text.AppendLine($"| Files clean after fixing one by one | {withReads.Count(r => r.LeftAfterFixingOneByOne == 0)} of {withReads.Count} | {Ratio(withReads.Count(r => r.LeftAfterFixingOneByOne == 0), withReads.Count)} |");
        text.AppendLine($"| Files clean after one Fix All pass per rule | {withReads.Count(r => r.LeftAfterFixAll == 0)} of {withReads.Count} | {Ratio(withReads.Count(r => r.LeftAfterFixAll == 0), withReads.Count)} |");

        text.AppendLine();
        text.AppendLine("## Per case");
        text.AppendLine();
        foreach (var result in results)
        {
            var lines = new List<string>();
            lines.AddRange(result.Problems.Select(p => "PROBLEM " + p));
            lines.AddRange(result.Matches.Where(m => m.Reported is null).Select(m => $"missed {m.Expected.Id} at {Where(result.Case, m.Expected)}"));
            lines.AddRange(result.FalseReports.Select(d => $"false {d.Id} at {d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}"));
            lines.AddRange(result.Fixes.Where(f => f.Note != "ok").Select(f => $"fix for {f.Diagnostic.Id} at line {f.Diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}: {f.Note}"));
            if (result.ReadDiagnostics > 0 && result.LeftAfterFixAll > 0)
            {
                lines.Add($"{result.LeftAfterFixAll} read diagnostic(s) left after Fix All");
            }

            if (lines.Count > 0)
            {
                text.AppendLine($"- `{result.Case.Name}`");
                foreach (var line in lines)
                {
                    text.AppendLine("  - " + line.Replace('\n', ' '));
                }
            }
        }

        return text.ToString();
    }

    private static string Where(Case @case, Expectation expected)
    {
        var file = @case.Files.First(f => f.Name == expected.File);
        var line = file.Text[..expected.Span.Start].Count(c => c == '\n') + 1;
        return $"{expected.File}:{line} `{file.Text.Substring(expected.Span.Start, Math.Min(expected.Span.Length, 60))}`";
    }

    private static string Ratio(int part, int whole) => whole == 0 ? "-" : (part / (double)whole).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
