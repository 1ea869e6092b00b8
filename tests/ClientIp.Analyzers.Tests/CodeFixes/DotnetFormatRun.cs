using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// What <c>dotnet format analyzers --diagnostics ...</c> does, as its SolutionCodeFixApplier does it: for each
/// diagnostic id in turn, analyze the current solution, register fixes for the first diagnostic only (its action's
/// equivalence key, or none when it has no fix, is the key of the pass), ask the fixer's Fix All provider for a
/// solution-wide action, and apply it. "Unable to fix CIPxxxx. Code fix ... didn't return a Fix All action" is
/// printed when that provider returns null.
/// </summary>
internal static class DotnetFormatRun
{
    public sealed record Result(Solution Solution, IReadOnlyList<string> MissingFixAllActions);

    public static async Task<Result> RunAsync(Solution solution, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers, params string[] ids)
    {
        var missing = new List<string>();
        foreach (var id in ids)
        {
            var diagnostics = new List<Diagnostic>();
            foreach (var project in solution.Projects)
            {
                var compilation = (await project.GetCompilationAsync())!;
                diagnostics.AddRange((await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync()).Where(d => d.Id == id));
            }

            var first = diagnostics.FirstOrDefault(d => d.Location.IsInSource);
            if (first is null)
            {
                continue;
            }

            foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(id)))
            {
                var document = solution.GetDocument(first.Location.SourceTree)!;
                CodeAction? action = null;
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => action ??= a, CancellationToken.None));
                var context = new FixAllContext(document, fixer, FixAllScope.Solution, action?.EquivalenceKey!, new[] { id }, new Provider(diagnostics), CancellationToken.None);
                var fixAll = fixer.GetFixAllProvider() is { } provider ? await provider.GetFixAsync(context) : null;
                if (fixAll is null)
                {
                    missing.Add(id);
                    continue;
                }

                var operations = await fixAll.GetOperationsAsync(CancellationToken.None);
                solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            }
        }

        return new Result(solution, missing);
    }

    /// <summary>One Fix All pass of <paramref name="fixer"/> over <paramref name="diagnostics"/> in the document, as the lightbulb's "Fix all in document".</summary>
    public static async Task<Document> FixAllInDocumentAsync(Document document, CodeFixProvider fixer, string equivalenceKey, IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        var context = new FixAllContext(document, fixer, FixAllScope.Document, equivalenceKey, list.Select(d => d.Id).Distinct(), new Provider(list), CancellationToken.None);
        var action = (await fixer.GetFixAllProvider()!.GetFixAsync(context))!;
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
    }

    private sealed class Provider(List<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => project.GetDocument(d.Location.SourceTree) is not null));

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
