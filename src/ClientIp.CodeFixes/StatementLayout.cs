using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace ClientIp.CodeFixes;

/// <summary>
/// Explicit layout for statements a fix writes, so they read like the code around them: on their own lines, indented
/// like their neighbours, with the file's line endings. (Left to the formatter, a new lambda block can stay on one line.)
/// </summary>
internal static class StatementLayout
{
    private const string IndentUnit = "    ";

    /// <summary>A top-level statement is inserted, moved and removed as its <c>GlobalStatementSyntax</c>.</summary>
    public static SyntaxNode Movable(StatementSyntax statement) => statement.Parent is GlobalStatementSyntax global ? global : statement;

    /// <summary><paramref name="statement"/> wrapped like <paramref name="like"/>: a global statement next to a top-level one.</summary>
    public static SyntaxNode LikeNeighbour(StatementSyntax like, StatementSyntax statement) =>
        like.Parent is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;

    /// <summary>The file's line ending.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode node)
    {
        var newLine = node.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return newLine == default ? SyntaxFactory.CarriageReturnLineFeed : newLine;
    }

    /// <summary>The indentation of the line on which <paramref name="token"/> is.</summary>
    public static SyntaxTrivia LineIndentation(SyntaxToken token)
    {
        var line = token.GetLocation().GetLineSpan().StartLinePosition.Line;
        var first = token;
        for (var previous = token.GetPreviousToken(); previous != default && previous.GetLocation().GetLineSpan().EndLinePosition.Line == line; previous = previous.GetPreviousToken())
        {
            first = previous;
        }

        var whitespace = first.LeadingTrivia.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        return whitespace == default ? SyntaxFactory.Whitespace(string.Empty) : whitespace;
    }

    /// <summary>
    /// <c>x =&gt; expression</c> turned into <c>x =&gt;</c> and a block of <paramref name="statements"/> on the following
    /// lines: the braces indented like the line the lambda starts on, the statements one level more. The block is left
    /// to the formatter for its indentation, which then follows the document's settings (<c>indent_size</c>,
    /// <c>indent_style</c>) for every statement: with the first statement's indentation written here and the rest
    /// formatted, a two-space or tab-indented project got a first line unlike the others.
    /// </summary>
    public static LambdaExpressionSyntax WithBlockBody(LambdaExpressionSyntax lambda, IEnumerable<StatementSyntax> statements)
    {
        var newLine = EndOfLine(lambda);
        var brace = LineIndentation(lambda.GetFirstToken());
        var inner = SyntaxFactory.Whitespace(brace.ToString() + IndentUnit);
        var body = SyntaxFactory.Block(statements.Select(s => s.WithLeadingTrivia(inner).WithTrailingTrivia(newLine)))
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(brace).WithTrailingTrivia(newLine))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(brace))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return lambda.WithArrowToken(lambda.ArrowToken.WithTrailingTrivia(newLine)).WithExpressionBody(null).WithBlock(body);
    }
}
