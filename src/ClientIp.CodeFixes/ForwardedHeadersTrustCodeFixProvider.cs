using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
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
using Microsoft.CodeAnalysis.Simplification;

namespace ClientIp.CodeFixes;

/// <summary>
/// CIP0004 "Trust only these networks": replaces <c>KnownProxies.Clear()</c> and <c>KnownNetworks.Clear()</c> /
/// <c>KnownIPNetworks.Clear()</c> with additions of the private address ranges, as an explicit list the user edits,
/// under a comment that points at the rule page. A /0 network and the ClientIp opt-in get no fix: only the user knows
/// which proxies to trust instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ForwardedHeadersTrustCodeFixProvider)), Shared]
public sealed class ForwardedHeadersTrustCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of the fix; stable, so Fix All and tests can name it.</summary>
    public const string TrustOnlyTheseNetworksKey = "CIP0004.TrustOnlyTheseNetworks";

    /// <summary>
    /// The networks the fix writes: the RFC 1918 private IPv4 ranges and the locally assigned IPv6 unique local range,
    /// where container and cloud load balancers usually live. Loopback stays trusted through the framework defaults.
    /// </summary>
    public static ImmutableArray<string> PrivateNetworks { get; } = ImmutableArray.Create("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fd00::/8");

    private static readonly string[] ListNames = { "KnownProxies", "KnownNetworks", "KnownIPNetworks" };

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ForwardedHeadersTrustEveryone);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(ForwardedHeadersTrustAllRule.ShapeProperty, out var shape)
            || shape != ForwardedHeadersTrustAllRule.ClearedListsShape)
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan) is not { } node
            || ClearedList(node) is not { } cleared)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Trust only proxies in the private networks (edit the list)",
                ct => ReplaceClearsAsync(context.Document, cleared.Statement, cleared.Options, ct),
                TrustOnlyTheseNetworksKey),
            diagnostic);
    }

    private static async Task<Document> ReplaceClearsAsync(Document document, StatementSyntax anchor, ExpressionSyntax options, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var compilation = editor.SemanticModel.Compilation;
        var generator = editor.Generator;
        var optionsType = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.ForwardedHeadersOptions");
        var systemNetwork = compilation.GetTypeByMetadataName("System.Net.IPNetwork");
        var useIPNetworks = systemNetwork is not null && optionsType?.GetMembers("KnownIPNetworks").Length > 0;
        var aspNetNetwork = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.HttpOverrides.IPNetwork");
        var ipAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
        if (!useIPNetworks && (aspNetNetwork is null || ipAddress is null))
        {
            return document;
        }

        var additions = new List<StatementSyntax>();
        foreach (var cidr in PrivateNetworks)
        {
            SyntaxNode network;
            if (useIPNetworks)
            {
                network = generator.InvocationExpression(
                    generator.MemberAccessExpression(TypeName(systemNetwork!), "Parse"), generator.LiteralExpression(cidr));
            }
            else
            {
                // Before .NET 10 only the ASP.NET Core IPNetwork(prefix, length) exists.
                var slash = cidr.IndexOf('/');
                network = generator.ObjectCreationExpression(
                    SyntaxFactory.ParseTypeName(aspNetNetwork!.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)).WithAdditionalAnnotations(Simplifier.Annotation),
                    generator.InvocationExpression(generator.MemberAccessExpression(TypeName(ipAddress!), "Parse"), generator.LiteralExpression(cidr.Substring(0, slash))),
                    generator.LiteralExpression(int.Parse(cidr.Substring(slash + 1), System.Globalization.CultureInfo.InvariantCulture)));
            }

            var list = generator.MemberAccessExpression(options.WithoutTrivia(), useIPNetworks ? "KnownIPNetworks" : "KnownNetworks");
            additions.Add((StatementSyntax)generator.ExpressionStatement(
                generator.InvocationExpression(generator.MemberAccessExpression(list, "Add"), network)));
        }

        var clears = SiblingClears(anchor, options).ToList();
        var first = clears.OrderBy(s => s.SpanStart).First();
        var (indentation, newLine) = Layout(first);
        var comment = new[]
        {
            SyntaxFactory.Comment("// CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use."),
            newLine,
            indentation,
            SyntaxFactory.Comment("// " + Descriptors.CIP0004.HelpLinkUri),
            newLine,
            indentation,
        };
        for (var i = 0; i < additions.Count; i++)
        {
            var leading = i == 0
                ? SyntaxFactory.TriviaList(first.GetLeadingTrivia().Concat(comment))
                : SyntaxFactory.TriviaList(indentation);
            additions[i] = additions[i].WithLeadingTrivia(leading).WithTrailingTrivia(newLine);
        }

        editor.InsertBefore(Movable(first), additions.Select(a => Wrap(first, a)));
        foreach (var clear in clears)
        {
            editor.RemoveNode(Movable(clear), SyntaxRemoveOptions.KeepNoTrivia);
        }

        return editor.GetChangedDocument();
    }

    // `options.KnownProxies.Clear();` → the statement and `options`.
    private static (StatementSyntax Statement, ExpressionSyntax Options)? ClearedList(SyntaxNode node)
    {
        var invocation = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
        if (invocation?.Parent is ExpressionStatementSyntax statement && ClearTarget(statement) is { } options
            && statement.Parent is BlockSyntax or GlobalStatementSyntax)
        {
            return (statement, options);
        }

        return null;
    }

    private static ExpressionSyntax? ClearTarget(StatementSyntax statement) =>
        statement is ExpressionStatementSyntax
        {
            Expression: InvocationExpressionSyntax
            {
                ArgumentList.Arguments.Count: 0,
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Clear", Expression: MemberAccessExpressionSyntax list },
            },
        } && ListNames.Contains(list.Name.Identifier.ValueText)
            ? list.Expression
            : null;

    // The anchor plus every `options.Known*.Clear();` on the same options expression in the same block.
    private static IEnumerable<StatementSyntax> SiblingClears(StatementSyntax anchor, ExpressionSyntax options)
    {
        IEnumerable<StatementSyntax> siblings = anchor.Parent switch
        {
            BlockSyntax block => block.Statements,
            GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } => unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement),
            _ => new[] { anchor },
        };

        return siblings.Where(s => s == anchor || (ClearTarget(s) is { } other && SyntaxFactory.AreEquivalent(other, options)));
    }

    // `System.Net.IPNetwork` as it would be written by hand (a member-access chain, not `global::`), shortened by the
    // simplifier only where that stays unambiguous (System.Net.IPNetwork vs Microsoft.AspNetCore.HttpOverrides.IPNetwork).
    private static ExpressionSyntax TypeName(INamedTypeSymbol type) =>
        SyntaxFactory.ParseExpression(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)).WithAdditionalAnnotations(Simplifier.Annotation);

    private static SyntaxNode Movable(StatementSyntax statement) => statement.Parent is GlobalStatementSyntax global ? global : statement;

    private static SyntaxNode Wrap(StatementSyntax like, StatementSyntax statement) =>
        like.Parent is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;

    private static (SyntaxTrivia Indentation, SyntaxTrivia NewLine) Layout(StatementSyntax statement)
    {
        var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var newLine = statement.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return (indentation == default ? SyntaxFactory.Whitespace(string.Empty) : indentation,
                newLine == default ? SyntaxFactory.EndOfLine("\n") : newLine);
    }
}
