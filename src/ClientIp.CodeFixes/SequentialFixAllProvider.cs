using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ClientIp.CodeFixes;

/// <summary>
/// Fix All for the configuration fixes (CIP0004, CIP0005): in each document the fixes are applied one after the
/// other, each on the code the previous one left (its nodes tracked through the edits), so two moves before the same
/// middleware, or two replacements in one block, all land in one pass where the batch fixer's merge of independent
/// text changes drops or garbles one of them. It always returns an action, also when none of the diagnostics has a
/// fix: <c>dotnet format</c> then has nothing to report instead of "didn't return a Fix All action".
/// </summary>
internal sealed class SequentialFixAllProvider : FixAllProvider
{
    private readonly string title;
    private readonly string equivalenceKey;
    private readonly Func<SyntaxNode, Diagnostic, IReadOnlyList<SyntaxNode>?> nodesOf;
    private readonly Func<Document, IReadOnlyList<SyntaxNode>, Diagnostic, CancellationToken, Task<Document?>> fix;

    /// <param name="title">The Fix All action's title.</param>
    /// <param name="equivalenceKey">Used when the context has none (the first diagnostic had no fix).</param>
    /// <param name="nodesOf">The nodes one diagnostic's fix works on, found in the document as analyzed; null: no fix.</param>
    /// <param name="fix">The fix of one diagnostic on the current document, given its nodes there; null: nothing done.</param>
    public SequentialFixAllProvider(
        string title,
        string equivalenceKey,
        Func<SyntaxNode, Diagnostic, IReadOnlyList<SyntaxNode>?> nodesOf,
        Func<Document, IReadOnlyList<SyntaxNode>, Diagnostic, CancellationToken, Task<Document?>> fix)
    {
        this.title = title;
        this.equivalenceKey = equivalenceKey;
        this.nodesOf = nodesOf;
        this.fix = fix;
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
        Task.FromResult<CodeAction?>(CodeAction.Create(title, ct => FixAllAsync(fixAllContext, ct), fixAllContext.CodeActionEquivalenceKey ?? equivalenceKey));

    /// <summary>The diagnostics a Fix All covers, by project and document, each document's in source order.</summary>
    public static async Task<List<(ProjectId Project, Dictionary<DocumentId, List<Diagnostic>> Documents)>> DiagnosticsInScopeAsync(FixAllContext fixAllContext)
    {
        var solution = fixAllContext.Solution;
        var projects = fixAllContext.Scope == FixAllScope.Solution ? solution.Projects.ToArray() : new[] { fixAllContext.Project };
        var result = new List<(ProjectId, Dictionary<DocumentId, List<Diagnostic>>)>();
        foreach (var project in projects)
        {
            var diagnostics = fixAllContext.Scope == FixAllScope.Document && fixAllContext.Document is { } only
                ? await fixAllContext.GetDocumentDiagnosticsAsync(only).ConfigureAwait(false)
                : await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
            var byDocument = diagnostics
                .Where(d => d.Location.IsInSource && fixAllContext.DiagnosticIds.Contains(d.Id))
                .GroupBy(d => solution.GetDocumentId(d.Location.SourceTree))
                .Where(g => g.Key is not null)
                .ToDictionary(g => g.Key!, g => g.OrderBy(d => d.Location.SourceSpan.Start).ToList());
            if (byDocument.Count > 0)
            {
                result.Add((project.Id, byDocument));
            }
        }

        return result;
    }

    private async Task<Solution> FixAllAsync(FixAllContext fixAllContext, CancellationToken cancellationToken)
    {
        var solution = fixAllContext.Solution;
        foreach (var (_, documents) in await DiagnosticsInScopeAsync(fixAllContext).ConfigureAwait(false))
        {
            foreach (var pair in documents)
            {
                var document = solution.GetDocument(pair.Key)!;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is null)
                {
                    continue;
                }

                var work = pair.Value.Select(d => (Diagnostic: d, Nodes: nodesOf(root, d))).Where(w => w.Nodes is not null).ToList();
                var current = document.WithSyntaxRoot(root.TrackNodes(work.SelectMany(w => w.Nodes!)));
                foreach (var (diagnostic, nodes) in work)
                {
                    var currentRoot = await current.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var currentNodes = nodes!.Select(n => currentRoot!.GetCurrentNode(n)).ToList();
                    if (currentNodes.Any(n => n is null))
                    {
                        continue; // an earlier fix of this pass already changed this code
                    }

                    current = await fix(current, currentNodes!, diagnostic, cancellationToken).ConfigureAwait(false) ?? current;
                }

                solution = current.Project.Solution;
            }
        }

        return solution;
    }
}
