using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.Judgement;

/// <summary>What the package did with one case.</summary>
internal sealed class CaseResult
{
    public required Case Case { get; init; }
    public List<string> Problems { get; } = new();
    public List<(Expectation Expected, Diagnostic? Reported)> Matches { get; } = new();
    public List<Diagnostic> FalseReports { get; } = new();
    public List<FixOutcome> Fixes { get; } = new();
    public int ReadDiagnostics { get; set; }
    public int LeftAfterFixingOneByOne { get; set; }
    public int LeftAfterFixAll { get; set; }

    /// <summary>The case's files after fixing every read one lightbulb at a time, for a reviewer to read.</summary>
    public Dictionary<string, string> FixedFiles { get; } = new();
}

/// <summary>One CIP0001-CIP0003 report and its fix.</summary>
internal sealed record FixOutcome(Diagnostic Diagnostic, bool Offered, bool Compiles, bool NoNewWarnings, bool Clears, bool CallsResolver, string? Title, string Note);

/// <summary>Runs the package's analyzers and fixes over a case the way a user's build and IDE would.</summary>
internal sealed class Evaluator
{
    private static readonly string[] ReadIds = { "CIP0001", "CIP0002", "CIP0003" };

    // What the Web SDK's implicit usings bring, so cases look like real projects (and fixes meet global usings).
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        """;

    private readonly ImmutableArray<MetadataReference> _references;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly ImmutableArray<CodeFixProvider> _fixers;

    public Evaluator()
    {
        var list = Path.Combine(AppContext.BaseDirectory, "case-references.txt");
        _references = File.ReadAllLines(list).Where(p => p.Length > 0)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        _analyzers = Instances<DiagnosticAnalyzer>(typeof(ClientIp.Analyzers.DiagnosticIds).Assembly);
        _fixers = Instances<CodeFixProvider>(Assembly.Load(new AssemblyName("ClientIp.CodeFixes")));
    }

    public async Task<CaseResult> EvaluateAsync(Case @case, CancellationToken ct)
    {
        var result = new CaseResult { Case = @case };
        var solution = CreateSolution(@case);
        var errorsBefore = await ErrorsAsync(solution, ct);
        if (errorsBefore.Count > 0)
        {
            result.Problems.Add("the case does not compile: " + string.Join("; ", errorsBefore.Take(3).Select(d => d.ToString())));
            return result;
        }

        var (reported, crashes) = await AnalyzeAsync(solution, ct);
        result.Problems.AddRange(crashes);
        Match(@case, reported, result);

        var reads = reported.Where(d => ReadIds.Contains(d.Id)).ToList();
        result.ReadDiagnostics = reads.Count;
        foreach (var diagnostic in reads)
        {
            result.Fixes.Add(await TryFixAsync(solution, diagnostic, ct));
        }

        if (reads.Count > 0)
        {
            var (left, fixedSolution) = await FixOneByOneAsync(solution, ct);
            result.LeftAfterFixingOneByOne = left;
            foreach (var document in fixedSolution.Projects.Single().Documents.Where(d => d.Name != "GlobalUsings.g.cs"))
            {
                result.FixedFiles[document.Name] = (await document.GetTextAsync(ct)).ToString();
            }

            result.LeftAfterFixAll = await LeftAfterFixAllAsync(solution, ct);
        }

        return result;
    }

    private Solution CreateSolution(Case @case)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var hasTopLevel = @case.Files.Any(f => CSharpSyntaxTree.ParseText(f.Text, parse).GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());
        var options = new CSharpCompilationOptions(hasTopLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "App", "App", LanguageNames.CSharp,
            compilationOptions: options, parseOptions: parse, metadataReferences: _references));
        solution = AddFile(solution, projectId, "GlobalUsings.g.cs", ImplicitUsings);
        foreach (var file in @case.Files)
        {
            solution = AddFile(solution, projectId, file.Name, file.Text);
        }

        return solution;
    }

    private static Solution AddFile(Solution solution, ProjectId projectId, string name, string text) =>
        solution.AddDocument(DocumentInfo.Create(
            DocumentId.CreateNewId(projectId), name,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Default)),
            filePath: "/app/" + name));

    private static async Task<List<Diagnostic>> ErrorsAsync(Solution solution, CancellationToken ct)
    {
        var compilation = await solution.Projects.Single().GetCompilationAsync(ct);
        return compilation!.GetDiagnostics(ct).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    private static async Task<Dictionary<string, int>> WarningCountsAsync(Solution solution, CancellationToken ct)
    {
        var compilation = await solution.Projects.Single().GetCompilationAsync(ct);
        return compilation!.GetDiagnostics(ct).Where(d => d.Severity == DiagnosticSeverity.Warning)
            .GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
    }

    private async Task<(List<Diagnostic> Reported, List<string> Crashes)> AnalyzeAsync(Solution solution, CancellationToken ct)
    {
        var crashes = new List<string>();
        var compilation = await solution.Projects.Single().GetCompilationAsync(ct);
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => crashes.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation!.WithAnalyzers(_analyzers, options).GetAnalyzerDiagnosticsAsync(ct);
        var reported = diagnostics.Where(d => d.Id.StartsWith("CIP", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath).ThenBy(d => d.Location.SourceSpan.Start).ToList();
        crashes.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()));
        return (reported, crashes);
    }

    /// <summary>One expected diagnostic matches one report of the same id in the same file whose span overlaps it.</summary>
    private static void Match(Case @case, List<Diagnostic> reported, CaseResult result)
    {
        var unmatched = reported.ToList();
        foreach (var expected in @case.Expected)
        {
            bool At(Diagnostic d) => expected.Places.Any(p => d.Id == p.Id &&
                Path.GetFileName(d.Location.SourceTree?.FilePath) == p.File &&
                (d.Location.SourceSpan.OverlapsWith(p.Span) || d.Location.SourceSpan == p.Span));
            var hit = unmatched.FirstOrDefault(At);
            if (hit is not null)
            {
                unmatched.Remove(hit);
            }

            result.Matches.Add((expected, hit));
        }

        result.FalseReports.AddRange(unmatched);
    }

    private async Task<FixOutcome> TryFixAsync(Solution solution, Diagnostic diagnostic, CancellationToken ct)
    {
        var document = DocumentOf(solution, diagnostic);
        var actions = await ActionsAsync(document, diagnostic, ct);
        if (actions.Count == 0)
        {
            return new FixOutcome(diagnostic, false, false, false, false, false, null, "no fix offered");
        }

        var action = actions[0];
        var changed = await ApplyAsync(solution, action, ct);
        var errors = await ErrorsAsync(changed, ct);
        var before = await WarningCountsAsync(solution, ct);
        var after = await WarningCountsAsync(changed, ct);
        var newWarnings = after.Where(w => w.Key.StartsWith("CS", StringComparison.Ordinal) && (!before.TryGetValue(w.Key, out var n) || n < w.Value)).Select(w => w.Key).ToList();
        var (reportedAfter, _) = await AnalyzeAsync(changed, ct);
        var sameIdBefore = (await AnalyzeAsync(solution, ct)).Reported.Count(d => d.Id == diagnostic.Id);
        var clears = reportedAfter.Count(d => d.Id == diagnostic.Id) < sameIdBefore;
        var callsResolver = await CountAsync(changed, "GetClientIp") > await CountAsync(solution, "GetClientIp");
        var note = errors.Count > 0 ? "error: " + errors[0]
            : newWarnings.Count > 0 ? "new warnings: " + string.Join(", ", newWarnings)
            : !clears ? "diagnostic not cleared"
            : !callsResolver ? "no resolver call in the fixed code"
            : "ok";
        return new FixOutcome(diagnostic, true, errors.Count == 0, newWarnings.Count == 0, clears, callsResolver, action.Title, note);
    }

    private async Task<(int Left, Solution Fixed)> FixOneByOneAsync(Solution solution, CancellationToken ct)
    {
        for (var applied = 0; applied < 40; applied++)
        {
            var (reported, _) = await AnalyzeAsync(solution, ct);
            CodeAction? next = null;
            foreach (var diagnostic in reported.Where(d => ReadIds.Contains(d.Id)))
            {
                var actions = await ActionsAsync(DocumentOf(solution, diagnostic), diagnostic, ct);
                if (actions.Count > 0)
                {
                    next = actions[0];
                    break;
                }
            }

            if (next is null)
            {
                break;
            }

            solution = await ApplyAsync(solution, next, ct);
        }

        return ((await AnalyzeAsync(solution, ct)).Reported.Count(d => ReadIds.Contains(d.Id)), solution);
    }

    /// <summary>What <c>dotnet format analyzers</c> does: per rule and fix, one Fix All over each document.</summary>
    private async Task<int> LeftAfterFixAllAsync(Solution solution, CancellationToken ct)
    {
        foreach (var id in ReadIds)
        {
            var (reported, _) = await AnalyzeAsync(solution, ct);
            var ofId = reported.Where(d => d.Id == id).ToList();
            foreach (var group in ofId.GroupBy(d => DocumentOf(solution, d).Id))
            {
                var document = solution.GetDocument(group.Key)!;
                foreach (var fixer in _fixers.Where(f => f.FixableDiagnosticIds.Contains(id)))
                {
                    var first = group.First();
                    var actions = await ActionsAsync(document, first, ct, fixer);
                    if (actions.Count == 0 || fixer.GetFixAllProvider() is not { } provider)
                    {
                        continue;
                    }

                    var context = new FixAllContext(document, fixer, FixAllScope.Document, actions[0].EquivalenceKey, new[] { id },
                        new FixedDiagnostics(group.ToImmutableArray()), ct);
                    var fixAll = await provider.GetFixAsync(context);
                    if (fixAll is not null)
                    {
                        solution = await ApplyAsync(solution, fixAll, ct);
                        break;
                    }
                }
            }
        }

        return (await AnalyzeAsync(solution, ct)).Reported.Count(d => ReadIds.Contains(d.Id));
    }

    private async Task<List<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic, CancellationToken ct, CodeFixProvider? only = null)
    {
        var actions = new List<CodeAction>();
        foreach (var fixer in _fixers.Where(f => (only is null || f == only) && f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), ct));
        }

        return actions.SelectMany(Flatten).ToList();
    }

    // NestedActions is internal in Roslyn 4.8: a fix offered as a group of variants is opened by reflection, as an IDE would.
    private static readonly PropertyInfo? NestedActions = typeof(CodeAction).GetProperty("NestedActions", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    private static IEnumerable<CodeAction> Flatten(CodeAction action) =>
        NestedActions?.GetValue(action) is ImmutableArray<CodeAction> { IsDefaultOrEmpty: false } nested ? nested.SelectMany(Flatten) : new[] { action };

    private static async Task<Solution> ApplyAsync(Solution solution, CodeAction action, CancellationToken ct)
    {
        var operations = await action.GetOperationsAsync(ct);
        return operations.OfType<ApplyChangesOperation>().SingleOrDefault()?.ChangedSolution ?? solution;
    }

    private static Document DocumentOf(Solution solution, Diagnostic diagnostic) =>
        solution.Projects.Single().Documents.Single(d => d.FilePath == diagnostic.Location.SourceTree?.FilePath);

    private static async Task<int> CountAsync(Solution solution, string text)
    {
        var count = 0;
        foreach (var document in solution.Projects.Single().Documents.Where(d => d.Name != "GlobalUsings.g.cs"))
        {
            var source = (await document.GetTextAsync()).ToString();
            for (var i = source.IndexOf(text, StringComparison.Ordinal); i >= 0; i = source.IndexOf(text, i + 1, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    private static ImmutableArray<T> Instances<T>(Assembly assembly) => assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (T)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
    }
}
