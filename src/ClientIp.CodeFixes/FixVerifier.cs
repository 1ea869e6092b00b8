using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.CodeFixes;

/// <summary>One document as a fix leaves it: before, after, and the nodes of <see cref="Before"/> the fix touched.</summary>
internal sealed class DocumentEdit
{
    public DocumentEdit(Document before, Document after, SyntaxAnnotation marker, IReadOnlyList<SyntaxNode> touched, bool wholeDocument = false)
    {
        Before = before;
        After = after;
        Marker = marker;
        Touched = touched;
        WholeDocument = wholeDocument;
    }

    /// <summary>
    /// A new marker for the nodes one fix writes, so the members holding them can be checked. One per edit: the nodes an
    /// earlier fix of the same Fix All pass wrote are not this fix's to answer for.
    /// </summary>
    public static SyntaxAnnotation NewMarker() => new("ClientIp.CodeFixes.Changed");

    public SyntaxAnnotation Marker { get; }

    public Document Before { get; }

    public Document After { get; }

    /// <summary>Nodes of <see cref="Before"/> that were replaced, removed or inserted next to.</summary>
    public IReadOnlyList<SyntaxNode> Touched { get; }

    /// <summary>Whether names elsewhere in the file may bind differently (a new using that could collide), so all of it is checked.</summary>
    public bool WholeDocument { get; }
}

/// <summary>
/// The guarantee every fix of this package keeps: the code it writes adds no compiler error, and no compiler warning of
/// a kind the members it touched did not have before (the package is used with <c>-warnaserror</c>). Checked on the
/// members the fix changed (or the whole file when a new using could change other names), when the fix is applied;
/// a fix that fails the check changes nothing.
/// </summary>
internal static class FixVerifier
{
    public static async Task<bool> AddsNoNewDiagnosticsAsync(DocumentEdit edit, CancellationToken cancellationToken)
    {
        var newRoot = await edit.After.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var newModel = await edit.After.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (newRoot is null || newModel is null)
        {
            return false;
        }

        var newSpans = edit.WholeDocument
            ? new[] { newRoot.FullSpan }
            : newRoot.GetAnnotatedNodes(edit.Marker).Select(EnclosingMember).Distinct().Select(m => m.FullSpan).ToArray();
        var after = Count(newSpans.SelectMany(s => newModel.GetDiagnostics(s, cancellationToken)));
        if (after.Count == 0)
        {
            return true; // the usual case: nothing to compare, the original is not bound again
        }

        var oldRoot = await edit.Before.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var oldModel = await edit.Before.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (oldRoot is null || oldModel is null)
        {
            return false;
        }

        IEnumerable<TextSpan> oldSpans = edit.WholeDocument
            ? new[] { oldRoot.FullSpan }
            : edit.Touched.Select(EnclosingMember).Distinct().Select(m => m.FullSpan);
        var before = Count(oldSpans.SelectMany(s => oldModel.GetDiagnostics(s, cancellationToken)));
        return after.All(pair => before.TryGetValue(pair.Key, out var count) && count >= pair.Value);
    }

    /// <summary>Errors and warnings by id (hidden and info diagnostics are no build failure).</summary>
    private static Dictionary<string, int> Count(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
            .GroupBy(d => d.Id)
            .ToDictionary(g => g.Key, g => g.Distinct().Count());

    private static SyntaxNode EnclosingMember(SyntaxNode node) =>
        node.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not TypeDeclarationSyntax)
        ?? node.SyntaxTree.GetRoot();
}
