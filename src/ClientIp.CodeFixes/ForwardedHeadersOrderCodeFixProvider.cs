using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers;
using ClientIp.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace ClientIp.CodeFixes;

/// <summary>
/// CIP0005 "Move before the middleware that needs it": moves the <c>UseForwardedHeaders</c> / <c>UseClientIp</c>
/// statement to just before the first statement that registers middleware depending on the client address or scheme.
/// Offered only when the analyzer found the move safe (see <see cref="ForwardedHeadersOrderRule.InsertBeforeProperty"/>).
/// Fix All moves each late registration in turn, so two of them before the same middleware land in one pass, in
/// their original order.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ForwardedHeadersOrderCodeFixProvider)), Shared]
public sealed class ForwardedHeadersOrderCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of the fix; stable, so Fix All and tests can name it.</summary>
    public const string MoveBeforeDependentMiddlewareKey = "CIP0005.MoveBeforeDependentMiddleware";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ForwardedHeadersRegisteredTooLate);

    private static readonly FixAllProvider FixAll = new SequentialFixAllProvider(
        "Register forwarded headers before the middleware that needs them", MoveBeforeDependentMiddlewareKey, NodesOf,
        async (document, nodes, _, ct) => await MoveAsync(document, (StatementSyntax)nodes[0], (StatementSyntax)nodes[1], ct).ConfigureAwait(false));

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || NodesOf(root, diagnostic) is not { } nodes)
            {
                continue;
            }

            var name = diagnostic.Properties.TryGetValue(ForwardedHeadersOrderRule.DependentProperty, out var dependent) ? dependent : "the middleware";
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Register before '{name}'",
                    ct => MoveAsync(context.Document, (StatementSyntax)nodes[0], (StatementSyntax)nodes[1], ct),
                    MoveBeforeDependentMiddlewareKey),
                diagnostic);
        }
    }

    /// <summary>The statement to move and the statement it goes before, when the analyzer found the move safe.</summary>
    private static IReadOnlyList<SyntaxNode>? NodesOf(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(ForwardedHeadersOrderRule.InsertBeforeProperty, out var value)
            || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var insertBefore))
        {
            return null;
        }

        var moved = root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<ExpressionStatementSyntax>().FirstOrDefault();
        var target = root.FindToken(insertBefore).Parent?.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.SpanStart == insertBefore);
        return moved is null || target is null || StatementLayout.Movable(moved).Parent != StatementLayout.Movable(target).Parent || target.SpanStart >= moved.SpanStart
            ? null
            : new SyntaxNode[] { moved, target };
    }

    private static async Task<Document> MoveAsync(Document document, StatementSyntax moved, StatementSyntax target, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var movedNode = StatementLayout.Movable(moved);
        var targetNode = StatementLayout.Movable(target);

        // The moved statement keeps its own comments, drops the blank lines above it, and takes the target's indentation.
        // The blank lines above the target (and above the target's own comments) now go above the moved statement, so
        // the group the target started still starts with the moved statement.
        var targetLeading = targetNode.GetLeadingTrivia();
        var indentation = targetLeading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var blankLines = BlankLines(targetLeading);
        var leading = movedNode.GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia)).ToList();
        var lastLine = leading.FindLastIndex(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var comments = leading.Take(lastLine + 1).SelectMany(t => t.IsKind(SyntaxKind.EndOfLineTrivia) ? new[] { t, indentation } : new[] { t })
            .Where(t => t != default);
        var newLeading = SyntaxFactory.TriviaList(targetLeading.Take(blankLines).Concat(new[] { indentation }.Where(t => t != default)).Concat(comments));

        editor.RemoveNode(movedNode, SyntaxRemoveOptions.KeepNoTrivia);
        editor.InsertBefore(targetNode, movedNode.WithLeadingTrivia(newLeading));
        if (blankLines > 0)
        {
            editor.ReplaceNode(targetNode, (node, _) => node.WithLeadingTrivia(node.GetLeadingTrivia().Skip(blankLines)));
        }

        return editor.GetChangedDocument();
    }

    /// <summary>How many of the leading trivia are blank lines: the whitespace and line ends up to the last line end before any comment or the statement.</summary>
    private static int BlankLines(SyntaxTriviaList leading)
    {
        var count = 0;
        for (var i = 0; i < leading.Count && (leading[i].IsKind(SyntaxKind.WhitespaceTrivia) || leading[i].IsKind(SyntaxKind.EndOfLineTrivia)); i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                count = i + 1;
            }
        }

        return count;
    }
}
