using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace ClientIp.CodeFixes;

/// <summary>The steps every client-IP read fix shares: find the node, plan, apply; no plan, no fix.</summary>
internal static class ReadFix
{
    public static Task<Document?> TryFixAsync(
        Document document, Diagnostic diagnostic, Func<HeaderReadRewrite, SyntaxNode, RewritePlan?> plan, CancellationToken cancellationToken) =>
        TryFixAsync(document, root => root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), plan, cancellationToken);

    /// <summary>
    /// Fix All in one document: the fixes are applied one after the other, each on the result of the previous one,
    /// so each sees the code as it then is (a using added once, a body already rewritten) and each is checked to
    /// add no error. The batch fixer merges independently computed text changes instead, and Roslyn's merger
    /// rejects a third identical insertion at one position, so every fix past the second that adds
    /// <c>using ClientIp;</c> would be dropped from the pass.
    /// </summary>
    public static FixAllProvider CreateFixAllProvider(Func<HeaderReadRewrite, SyntaxNode, RewritePlan?> plan) =>
        FixAllProvider.Create((context, document, diagnostics) => FixAllAsync(document, diagnostics, plan, context.CancellationToken));

    private static async Task<Document?> FixAllAsync(
        Document document, ImmutableArray<Diagnostic> diagnostics, Func<HeaderReadRewrite, SyntaxNode, RewritePlan?> plan, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var nodes = diagnostics
            .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true))
            .Distinct()
            .ToList();
        var current = document.WithSyntaxRoot(root.TrackNodes(nodes));
        foreach (var node in nodes)
        {
            var fixedDocument = await TryFixAsync(current, r => r.GetCurrentNode(node), plan, cancellationToken).ConfigureAwait(false);
            if (fixedDocument is not null)
            {
                current = fixedDocument;
            }
        }

        return current;
    }

    private static async Task<Document?> TryFixAsync(
        Document document, Func<SyntaxNode, SyntaxNode?> findNode, Func<HeaderReadRewrite, SyntaxNode, RewritePlan?> plan, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var symbols = model is null ? null : WellKnownSymbols.For(model.Compilation);
        if (root is null || model is null || symbols?.ResolverExtensions is null)
        {
            return null; // no resolver in the compilation: the diagnostic stays, without a fix that would not compile
        }

        var node = findNode(root);
        if (node is null)
        {
            return null; // an earlier fix of the same Fix All already rewrote this code
        }

        var generator = SyntaxGenerator.GetGenerator(document);
        var rewrite = new HeaderReadRewrite(model, symbols, generator, cancellationToken);
        var planned = plan(rewrite, node);
        return planned is null ? null : await FixApplier.ApplyAsync(document, planned, model, symbols, cancellationToken).ConfigureAwait(false);
    }
}
