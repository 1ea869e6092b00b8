using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes;

/// <summary>
/// Applies a <see cref="RewritePlan"/> with a <see cref="DocumentEditor"/> and keeps the result only if it adds no
/// compiler error to the members it touched: a fix that produces broken code is worse than no fix.
/// </summary>
internal static class FixApplier
{
    private static readonly SyntaxAnnotation Changed = new("ClientIp.CodeFixes.Changed");

    public static async Task<Document?> ApplyAsync(Document document, RewritePlan plan, SemanticModel model, WellKnownSymbols symbols, CancellationToken cancellationToken)
    {
        UnusedLocalRemover.AddRemovals(plan, model, cancellationToken);
        if (Overlaps(plan))
        {
            return null;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var replacement in plan.Replacements)
        {
            editor.ReplaceNode(replacement.Key, replacement.Value.WithAdditionalAnnotations(Changed));
        }

        foreach (var removal in plan.Removals)
        {
            // Removals sit next to a replacement in the same member, so the error check below covers them.
            editor.RemoveNode(removal, SyntaxRemoveOptions.KeepUnbalancedDirectives | RemoveOptionsFor(removal));
        }

        var newRoot = editor.GetChangedRoot();
        var addsUsing = !IsResolverInScope(plan, model, symbols);
        if (addsUsing && newRoot is CompilationUnitSyntax unit)
        {
            newRoot = UsingDirectiveAdder.Add(unit, symbols.ResolverExtensions!.ContainingNamespace.ToDisplayString());
        }

        var changedDocument = document.WithSyntaxRoot(newRoot);
        return await AddsNoErrorAsync(model, changedDocument, plan, wholeDocument: addsUsing, cancellationToken).ConfigureAwait(false) ? changedDocument : null;
    }

    private static bool IsResolverInScope(RewritePlan plan, SemanticModel model, WellKnownSymbols symbols) =>
        model.LookupSymbols(plan.Targets.First().SpanStart, symbols.Get(Microsoft_AspNetCore_Http_HttpContext)!, WellKnownSymbols.ResolverMethodName, includeReducedExtensionMethods: true)
            .Any(s => SymbolEqualityComparer.Default.Equals(s.ContainingType, symbols.ResolverExtensions));

    private static SyntaxRemoveOptions RemoveOptionsFor(SyntaxNode removal) =>
        removal.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
            ? SyntaxRemoveOptions.KeepLeadingTrivia
            : SyntaxRemoveOptions.KeepNoTrivia;

    private static bool Overlaps(RewritePlan plan)
    {
        var targets = plan.Targets.ToArray();
        return targets.Any(a => targets.Any(b => !ReferenceEquals(a, b) && a.Span.OverlapsWith(b.Span)));
    }

    private static async Task<bool> AddsNoErrorAsync(SemanticModel originalModel, Document changed, RewritePlan plan, bool wholeDocument, CancellationToken cancellationToken)
    {
        var root = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await changed.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return false;
        }

        // A new using can make names elsewhere in the file ambiguous, so then the whole file is checked.
        var oldSpans = wholeDocument ? new[] { originalModel.SyntaxTree.GetRoot(cancellationToken).FullSpan } : plan.Targets.Select(EnclosingMember).Distinct().Select(m => m.FullSpan).ToArray();
        var newSpans = wholeDocument ? new[] { root.FullSpan } : root.GetAnnotatedNodes(Changed).Select(EnclosingMember).Distinct().Select(m => m.FullSpan).ToArray();
        var before = Errors(oldSpans.SelectMany(s => originalModel.GetDiagnostics(s, cancellationToken)));
        var after = Errors(newSpans.SelectMany(s => model.GetDiagnostics(s, cancellationToken)));
        return after.All(pair => before.TryGetValue(pair.Key, out var count) && count >= pair.Value);
    }

    private static Dictionary<string, int> Errors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .GroupBy(d => d.Id)
            .ToDictionary(g => g.Key, g => g.Distinct().Count());

    private static SyntaxNode EnclosingMember(SyntaxNode node) =>
        node.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not TypeDeclarationSyntax)
        ?? node.SyntaxTree.GetRoot();
}
