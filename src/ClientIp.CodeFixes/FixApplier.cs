using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace ClientIp.CodeFixes;

/// <summary>
/// Applies a <see cref="RewritePlan"/> with a <see cref="DocumentEditor"/> and keeps the result only if it adds no
/// compiler error to the members it touched: a fix that produces broken code is worse than no fix.
/// </summary>
internal static class FixApplier
{
    private static readonly SyntaxAnnotation Changed = new("ClientIp.CodeFixes.Changed");

    public static async Task<Document?> ApplyAsync(Document document, RewritePlan plan, SemanticModel model, KnownSymbols symbols, CancellationToken cancellationToken)
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
        var changedDocument = document.WithSyntaxRoot(newRoot);
        return await AddsNoErrorAsync(document, model, changedDocument, plan, symbols, cancellationToken).ConfigureAwait(false) ? changedDocument : null;
    }

    private static SyntaxRemoveOptions RemoveOptionsFor(SyntaxNode removal) =>
        removal.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
            ? SyntaxRemoveOptions.KeepLeadingTrivia
            : SyntaxRemoveOptions.KeepNoTrivia;

    private static bool Overlaps(RewritePlan plan)
    {
        var targets = plan.Targets.ToArray();
        return targets.Any(a => targets.Any(b => !ReferenceEquals(a, b) && a.Span.OverlapsWith(b.Span)));
    }

    private static async Task<bool> AddsNoErrorAsync(Document original, SemanticModel originalModel, Document changed, RewritePlan plan, KnownSymbols symbols, CancellationToken cancellationToken)
    {
        var root = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit)
        {
            return false;
        }

        // The real document gets `using ClientIp;` from the cleanup of the code action; check as if it had it.
        var firstTarget = plan.Targets.First();
        var inScope = originalModel.LookupSymbols(firstTarget.SpanStart, symbols.HttpContext, KnownSymbols.ResolverMethodName, includeReducedExtensionMethods: true).Any();
        if (!inScope)
        {
            unit = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(symbols.ResolverExtensions.ContainingNamespace.ToDisplayString())));
        }

        var checkedDocument = changed.WithSyntaxRoot(unit);
        var checkedRoot = await checkedDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var checkedModel = await checkedDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (checkedRoot is null || checkedModel is null)
        {
            return false;
        }

        var newMembers = checkedRoot.GetAnnotatedNodes(Changed).Select(EnclosingMember).Distinct().ToArray();
        var oldMembers = plan.Targets.Select(EnclosingMember).Distinct().ToArray();
        var before = Errors(oldMembers.SelectMany(m => originalModel.GetDiagnostics(m.Span, cancellationToken)));
        var after = Errors(newMembers.SelectMany(m => checkedModel.GetDiagnostics(m.Span, cancellationToken)));
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
