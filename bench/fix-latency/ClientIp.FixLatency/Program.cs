using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.AnalyzerCost.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.FixLatency;

/// <summary>
/// Generates the analyzer-cost app, opens it in a Roslyn workspace, runs our analyzers once, and then measures, for
/// every diagnostic: how long RegisterCodeFixesAsync takes (what the IDE waits for before it can show the lightbulb),
/// with the document's semantic model already computed, as it is once the squiggle is shown; the same right after an
/// edit elsewhere in the project (a new project snapshot, so nothing our fixes cache per project is reused); and how
/// long applying the first fix takes (the edit and its check, done when the fix is previewed or invoked).
/// </summary>
internal static class Program
{
    private static readonly string[] WebUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static async Task<int> Main(string[] args)
    {
        var options = Options(args);
        var files = int.Parse(options.GetValueOrDefault("files", "1000"), CultureInfo.InvariantCulture);
        var seed = int.Parse(options.GetValueOrDefault("seed", "7"), CultureInfo.InvariantCulture);
        var iterations = int.Parse(options.GetValueOrDefault("iterations", "15"), CultureInfo.InvariantCulture);
        var repository = FindRepositoryRoot();

        var solution = Generate(repository, files, seed, out var summary);
        var project = solution.Projects.Single();
        var compilation = (await project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        var analyzers = Instances<DiagnosticAnalyzer>(typeof(ClientIp.Analyzers.DiagnosticIds).Assembly);
        var providers = Instances<CodeFixProvider>(typeof(ClientIp.CodeFixes.ClientIpReadCodeFixProvider).Assembly);
        var diagnostics = (await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Location.IsInSource && providers.Any(p => p.FixableDiagnosticIds.Contains(d.Id)))
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
            .ToList();

        // Warm-up: JIT our code and Roslyn's once, as a running IDE has.
        foreach (var diagnostic in diagnostics)
        {
            await RegisterAsync(solution, diagnostic, providers);
        }

        var rows = new List<Row>();
        foreach (var diagnostic in diagnostics)
        {
            var document = solution.GetDocument(diagnostic.Location.SourceTree)!;
            var warm = new List<double>();
            var actions = new List<CodeAction>();
            for (var i = 0; i < iterations; i++)
            {
                var (elapsed, registered) = await RegisterAsync(solution, diagnostic, providers);
                warm.Add(elapsed);
                actions = registered;
            }

            // After an edit elsewhere: a new project snapshot. The IDE brings the compilation up to date and runs the
            // analyzers on this document's semantic model to show the squiggle; then the lightbulb asks, once.
            var edited = EditElsewhere(solution, document.Id);
            var editedDiagnostic = Diagnostic.Create(diagnostic.Descriptor, Location.Create((await edited.GetDocument(document.Id)!.GetSyntaxTreeAsync())!, diagnostic.Location.SourceSpan),
                diagnostic.AdditionalLocations.Select(l => Location.Create((edited.GetDocument(solution.GetDocumentId(l.SourceTree)!)!.GetSyntaxTreeAsync()).Result!, l.SourceSpan)),
                diagnostic.Properties);
            var editedModel = (await edited.GetDocument(document.Id)!.GetSemanticModelAsync())!;
            await editedModel.Compilation.WithAnalyzers(analyzers).GetAnalyzerSemanticDiagnosticsAsync(editedModel, filterSpan: null, CancellationToken.None);
            var (afterEdit, _) = await RegisterAsync(edited, editedDiagnostic, providers);

            // The same on a second new snapshot whose document model has already bound the member holding the read (as
            // after another provider's or the squiggle's question): what the fix itself costs on a new snapshot.
            var edited2 = EditElsewhere(edited, document.Id);
            var editedDiagnostic2 = Diagnostic.Create(diagnostic.Descriptor, Location.Create((await edited2.GetDocument(document.Id)!.GetSyntaxTreeAsync())!, diagnostic.Location.SourceSpan),
                diagnostic.AdditionalLocations.Select(l => Location.Create((edited2.GetDocument(solution.GetDocumentId(l.SourceTree)!)!.GetSyntaxTreeAsync()).Result!, l.SourceSpan)),
                diagnostic.Properties);
            var boundModel = (await edited2.GetDocument(document.Id)!.GetSemanticModelAsync())!;
            var readNode = (await boundModel.SyntaxTree.GetRootAsync()).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            boundModel.GetOperation(readNode);
            var (afterEditBound, _) = await RegisterAsync(edited2, editedDiagnostic2, providers);

            var apply = new List<double>();
            if (actions.Count > 0)
            {
                for (var i = 0; i < 3; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await actions[0].GetOperationsAsync(CancellationToken.None);
                    apply.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            var lines = (await document.GetTextAsync()).Lines.Count;
            rows.Add(new Row(diagnostic.Id, $"{Path.GetFileName(document.FilePath)}:{diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}", lines,
                Median(warm), warm.Max(), afterEdit, afterEditBound, actions.Count > 0 ? actions[0].Title : "(no fix)", apply.Count > 0 ? Median(apply) : double.NaN));
        }

        var report = Report(summary, errors, diagnostics.Count, iterations, rows);
        Console.Write(report);
        if (options.TryGetValue("out", out var output))
        {
            File.WriteAllText(output, report);
        }

        return 0;
    }

    private sealed record Row(string Id, string Where, int Lines, double WarmMedian, double WarmMax, double AfterEdit, double AfterEditBound, string Fix, double Apply);

    private static async Task<(double Milliseconds, List<CodeAction> Actions)> RegisterAsync(Solution solution, Diagnostic diagnostic, ImmutableArray<CodeFixProvider> providers)
    {
        var document = solution.GetDocument(diagnostic.Location.SourceTree)!;
        await document.GetSemanticModelAsync(); // computed before the lightbulb asks, as for the squiggle
        var actions = new List<CodeAction>();

        // A collection owed to earlier allocations (the bench's own, mostly) is not this registration's cost.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        foreach (var provider in providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        }

        return (clock.Elapsed.TotalMilliseconds, actions);
    }

    private static Solution EditElsewhere(Solution solution, DocumentId except)
    {
        var other = solution.Projects.Single().Documents.First(d => d.Id != except && d.Name != "GlobalUsings.g.cs");
        var text = other.GetTextAsync().Result;
        return solution.WithDocumentText(other.Id, text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "\n")));
    }

    private static Solution Generate(string repository, int files, int seed, out ProjectGenerator.Summary summary)
    {
        var temp = Path.Combine(Path.GetTempPath(), "clientip-fix-latency-" + Guid.NewGuid().ToString("N"));
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var references = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "framework-references.txt"))
            .Where(p => p.Length > 0)
            .Append(typeof(global::ClientIp.ClientIpOptions).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "Contoso.Shop", "Contoso.Shop", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: references));
        try
        {
            summary = ProjectGenerator.Generate(new GeneratorOptions(temp, repository, files, seed, ProjectKind.Web));
            foreach (var path in Directory.EnumerateFiles(temp, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(temp, path);
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(File.ReadAllText(path), Encoding.UTF8), filePath: "/app/" + relative);
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }

        var usings = string.Concat(WebUsings.Select(u => $"global using global::{u};\n"));
        return solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.g.cs", SourceText.From(usings), filePath: "/app/obj/GlobalUsings.g.cs");
    }

    private static string Report(ProjectGenerator.Summary summary, int errors, int diagnostics, int iterations, List<Row> rows)
    {
        string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0", CultureInfo.InvariantCulture);
        var largest = rows.OrderByDescending(r => r.Lines).First().Where.Split(':')[0];
        var report = new StringBuilder()
            .AppendLine($"Generated app: {summary.Files} files, {summary.Lines:N0} lines; compile errors: {errors}; diagnostics with a fix provider: {diagnostics}; fixes offered: {rows.Count(r => r.Fix != "(no fix)")}.")
            .AppendLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, Roslyn {typeof(Compilation).Assembly.GetName().Version}.")
            .AppendLine()
            .AppendLine($"| Measure (ms per diagnostic) | Median | 90th percentile | Max |")
            .AppendLine("|---|---:|---:|---:|");
        void Line(string name, IEnumerable<double> values)
        {
            var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
            report.AppendLine($"| {name} | {Ms(Median(sorted))} | {Ms(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.9) - 1)])} | {Ms(sorted[^1])} |");
        }

        Line($"Diagnostic to registered fixes, warm (median of {iterations} per diagnostic)", rows.Select(r => r.WarmMedian));
        Line("Diagnostic to registered fixes, first after an edit elsewhere (binding the member included)", rows.Select(r => r.AfterEdit));
        Line("Diagnostic to registered fixes, first after an edit elsewhere, the member already bound", rows.Select(r => r.AfterEditBound));
        Line("Applying the first fix (edit + check + cleanup; median of 3)", rows.Select(r => r.Apply));
        report.AppendLine().AppendLine($"Largest file with a diagnostic: {largest}.").AppendLine()
            .AppendLine("| Diagnostic | Where | Lines | Register, warm median | Register, warm max | Register after edit | After edit, member bound | Apply | Fix offered |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            report.AppendLine($"| {row.Id} | {row.Where} | {row.Lines} | {Ms(row.WarmMedian)} | {Ms(row.WarmMax)} | {Ms(row.AfterEdit)} | {Ms(row.AfterEditBound)} | {Ms(row.Apply)} | {row.Fix.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return report.ToString();
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static ImmutableArray<T> Instances<T>(System.Reflection.Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null &&
                        (t.IsDefined(typeof(DiagnosticAnalyzerAttribute), false) || t.IsDefined(typeof(ExportCodeFixProviderAttribute), false)))
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClientIp.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run from a build inside the repository");
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }
}
