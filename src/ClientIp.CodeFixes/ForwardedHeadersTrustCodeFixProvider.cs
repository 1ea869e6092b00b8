using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClientIp.Analyzers;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes;

/// <summary>
/// CIP0004 "Trust only proxies in the private networks (edit the list)": replaces what trusts every peer with the
/// private address ranges, as an explicit list the user edits, under a comment that points at the rule page:
/// <list type="bullet">
/// <item><c>KnownProxies.Clear()</c> with <c>KnownNetworks.Clear()</c> / <c>KnownIPNetworks.Clear()</c> become additions
/// of the private networks;</item>
/// <item>a network covering every address (<c>new IPNetwork(IPAddress.Any, 0)</c>, <c>IPNetwork.Parse("0.0.0.0/0")</c>,
/// <c>::/0</c>, ClientIp's <c>TrustedProxies.Add("0.0.0.0/0")</c>) becomes the private networks, written the same way
/// (the same network type, the same <c>Add</c>/<c>Insert</c>, or the same collection initializer).</item>
/// </list>
/// ClientIp's <c>UnsafeTrustEveryPeer</c> opt-in, and a /0 network built in a local first, get no fix: only the user
/// knows which proxies to trust instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ForwardedHeadersTrustCodeFixProvider)), Shared]
public sealed class ForwardedHeadersTrustCodeFixProvider : CodeFixProvider
{
    /// <summary>Equivalence key of the fix; stable, so Fix All and tests can name it.</summary>
    public const string TrustOnlyTheseNetworksKey = "CIP0004.TrustOnlyTheseNetworks";

    private const string Title = "Trust only proxies in the private networks (edit the list)";

    /// <summary>
    /// The networks the fix writes: the RFC 1918 private IPv4 ranges and the locally assigned IPv6 unique local range,
    /// where container and cloud load balancers usually live. Loopback stays trusted through the framework defaults.
    /// </summary>
    public static ImmutableArray<string> PrivateNetworks { get; } = ImmutableArray.Create("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fd00::/8");

    private static readonly string[] ListNames = { "KnownProxies", "KnownNetworks", "KnownIPNetworks" };

    private static readonly FixAllProvider FixAll = new SequentialFixAllProvider(Title, TrustOnlyTheseNetworksKey, NodesOf, FixAsync);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ForwardedHeadersTrustEveryone);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && NodesOf(root, diagnostic) is { } nodes)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixOrKeepAsync(context.Document, nodes, diagnostic, ct), TrustOnlyTheseNetworksKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixOrKeepAsync(Document document, IReadOnlyList<SyntaxNode> nodes, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        await FixAsync(document, nodes, diagnostic, cancellationToken).ConfigureAwait(false) ?? document;

    /// <summary>The node the fix works on: the first <c>Clear()</c> statement, or the network covering every address.</summary>
    private static IReadOnlyList<SyntaxNode>? NodesOf(SyntaxNode root, Diagnostic diagnostic)
    {
        diagnostic.Properties.TryGetValue(ForwardedHeadersTrustAllRule.ShapeProperty, out var shape);
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return shape switch
        {
            ForwardedHeadersTrustAllRule.ClearedListsShape when ClearedList(node) is { } cleared => new SyntaxNode[] { cleared.Statement },
            ForwardedHeadersTrustAllRule.AllNetworkShape when node is ExpressionSyntax network && Place(network) is not null => new SyntaxNode[] { network },
            _ => null,
        };
    }

    private static async Task<Document?> FixAsync(Document document, IReadOnlyList<SyntaxNode> nodes, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var networks = new NetworkWriter(editor.Generator, WellKnownSymbols.For(editor.SemanticModel.Compilation));
        var done = nodes[0] switch
        {
            StatementSyntax statement when ClearTarget(statement) is { } options => ReplaceClears(editor, networks, statement, options),
            ExpressionSyntax network => ReplaceNetwork(editor, networks, network),
            _ => false,
        };
        return done ? editor.GetChangedDocument() : null;
    }

    // ---- KnownProxies.Clear() + KnownNetworks.Clear() ---------------------------------------------------------------

    private static bool ReplaceClears(DocumentEditor editor, NetworkWriter networks, StatementSyntax anchor, ExpressionSyntax options)
    {
        var list = networks.PreferredList();
        if (list is null)
        {
            return false;
        }

        var clears = SiblingClears(anchor, options).ToList();
        var first = clears.OrderBy(s => s.SpanStart).First();
        var additions = PrivateNetworks.Select(cidr => (StatementSyntax)editor.Generator.ExpressionStatement(
            editor.Generator.InvocationExpression(editor.Generator.MemberAccessExpression(editor.Generator.MemberAccessExpression(options.WithoutTrivia(), list.Value.Name), "Add"),
                networks.Network(cidr, list.Value.Kind))));
        editor.InsertBefore(StatementLayout.Movable(first), Commented(first, additions).Select(a => StatementLayout.LikeNeighbour(first, a)));
        foreach (var clear in clears)
        {
            editor.RemoveNode(StatementLayout.Movable(clear), SyntaxRemoveOptions.KeepNoTrivia);
        }

        return true;
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

    // ---- a network covering every address ---------------------------------------------------------------------------

    /// <summary>
    /// Where the /0 network is written: an argument of <c>list.Add(...)</c> / <c>list.Insert(i, ...)</c> alone in its
    /// statement (or a lambda's whole body), or an element of a collection initializer.
    /// </summary>
    private static SyntaxNode? Place(ExpressionSyntax network) => network.Parent switch
    {
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "Insert" } } call } }
            when call.Parent is ExpressionStatementSyntax { Parent: BlockSyntax or GlobalStatementSyntax } || call.Parent is LambdaExpressionSyntax lambda && lambda.ExpressionBody == call => call,
        InitializerExpressionSyntax initializer => initializer,
        _ => null,
    };

    private static bool ReplaceNetwork(DocumentEditor editor, NetworkWriter networks, ExpressionSyntax network)
    {
        var kind = networks.KindOf(editor.SemanticModel.GetTypeInfo(network).Type);
        if (kind is null)
        {
            return false;
        }

        var replacements = PrivateNetworks.Select(cidr => networks.Network(cidr, kind.Value)).ToList();
        switch (Place(network))
        {
            case InitializerExpressionSyntax initializer:
                // In place of the one element, on its line: a, b, c, d.
                var elements = initializer.Expressions.SelectMany(e => e == network ? replacements.Cast<ExpressionSyntax>().Select(r => r.WithoutTrivia()) : new[] { e.WithoutTrivia() });
                var comma = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
                var list = SyntaxFactory.SeparatedList(elements, Enumerable.Repeat(comma, initializer.Expressions.Count - 1 + replacements.Count - 1));
                editor.ReplaceNode(initializer, initializer.WithExpressions(list));
                return true;

            case InvocationExpressionSyntax call:
                var argument = (ArgumentSyntax)network.Parent!;
                var calls = replacements.Select(r => call.ReplaceNode(argument, argument.WithExpression((ExpressionSyntax)r).WithTriviaFrom(argument)).WithoutTrivia());
                var statements = calls.Select(c => (StatementSyntax)editor.Generator.ExpressionStatement(c));
                if (call.Parent is ExpressionStatementSyntax statement)
                {
                    editor.InsertBefore(StatementLayout.Movable(statement), Commented(statement, statements).Select(s => StatementLayout.LikeNeighbour(statement, s)));
                    editor.RemoveNode(StatementLayout.Movable(statement), SyntaxRemoveOptions.KeepNoTrivia);
                }
                else
                {
                    var lambda = (LambdaExpressionSyntax)call.Parent!;
                    editor.ReplaceNode(lambda, StatementLayout.WithBlockBody(lambda, statements));
                }

                return true;

            default:
                return false;
        }
    }

    // ---- layout -----------------------------------------------------------------------------------------------------

    /// <summary>The statements, one a line, indented like <paramref name="like"/>, the first under the comment that explains them.</summary>
    private static IEnumerable<StatementSyntax> Commented(StatementSyntax like, IEnumerable<StatementSyntax> statements)
    {
        var indentation = like.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var newLine = like.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        indentation = indentation == default ? SyntaxFactory.Whitespace(string.Empty) : indentation;
        newLine = newLine == default ? SyntaxFactory.EndOfLine("\n") : newLine;
        var comment = new[]
        {
            SyntaxFactory.Comment("// CIP0004: trust forwarded headers only from proxies in these networks; keep the ranges your proxies use."),
            newLine,
            indentation,
            SyntaxFactory.Comment("// " + Descriptors.CIP0004.HelpLinkUri),
            newLine,
            indentation,
        };
        return statements.Select((statement, i) => statement
            .WithLeadingTrivia(i == 0 ? SyntaxFactory.TriviaList(like.GetLeadingTrivia().Concat(comment)) : SyntaxFactory.TriviaList(indentation))
            .WithTrailingTrivia(newLine));
    }


    /// <summary>Writes one network the way the options expect it.</summary>
    private sealed class NetworkWriter
    {
        private readonly SyntaxGenerator generator;
        private readonly WellKnownSymbols symbols;

        public NetworkWriter(SyntaxGenerator generator, WellKnownSymbols symbols)
        {
            this.generator = generator;
            this.symbols = symbols;
        }

        public enum Kind
        {
            /// <summary><c>System.Net.IPNetwork.Parse("10.0.0.0/8")</c> (.NET 8 and later; ASP.NET Core's KnownIPNetworks in .NET 10).</summary>
            SystemNet,

            /// <summary><c>new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.0.0.0"), 8)</c> (KnownNetworks).</summary>
            AspNetCore,

            /// <summary><c>"10.0.0.0/8"</c> (ClientIp's TrustedProxies).</summary>
            Text,
        }

        /// <summary>KnownIPNetworks with System.Net.IPNetwork where the options have it (.NET 10), else KnownNetworks.</summary>
        public (string Name, Kind Kind)? PreferredList()
        {
            if (symbols.Get(System_Net_IPNetwork) is not null && symbols.Get(WellKnownMember.ForwardedHeadersOptions_KnownIPNetworks) is not null)
            {
                return ("KnownIPNetworks", Kind.SystemNet);
            }

            return symbols.Get(Microsoft_AspNetCore_HttpOverrides_IPNetwork) is not null && symbols.Get(System_Net_IPAddress) is not null
                ? ("KnownNetworks", Kind.AspNetCore)
                : null;
        }

        public Kind? KindOf(ITypeSymbol? type) => type switch
        {
            { SpecialType: SpecialType.System_String } => Kind.Text,
            _ when symbols.Is(type, System_Net_IPNetwork) => Kind.SystemNet,
            _ when symbols.Is(type, Microsoft_AspNetCore_HttpOverrides_IPNetwork) && symbols.Get(System_Net_IPAddress) is not null => Kind.AspNetCore,
            _ => null,
        };

        public SyntaxNode Network(string cidr, Kind kind)
        {
            if (kind == Kind.Text)
            {
                return generator.LiteralExpression(cidr);
            }

            if (kind == Kind.SystemNet)
            {
                return generator.InvocationExpression(generator.MemberAccessExpression(TypeName(symbols.Get(System_Net_IPNetwork)!), "Parse"), generator.LiteralExpression(cidr));
            }

            // Before .NET 10 only the ASP.NET Core IPNetwork(prefix, length) exists.
            var slash = cidr.IndexOf('/');
            return generator.ObjectCreationExpression(
                SyntaxFactory.ParseTypeName(symbols.Get(Microsoft_AspNetCore_HttpOverrides_IPNetwork)!.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat))
                    .WithAdditionalAnnotations(Simplifier.Annotation),
                generator.InvocationExpression(generator.MemberAccessExpression(TypeName(symbols.Get(System_Net_IPAddress)!), "Parse"), generator.LiteralExpression(cidr.Substring(0, slash))),
                generator.LiteralExpression(int.Parse(cidr.Substring(slash + 1), CultureInfo.InvariantCulture)));
        }

        // `System.Net.IPNetwork` as it would be written by hand (a member-access chain, not `global::`), shortened by the
        // simplifier only where that stays unambiguous (System.Net.IPNetwork vs Microsoft.AspNetCore.HttpOverrides.IPNetwork).
        private static ExpressionSyntax TypeName(INamedTypeSymbol type) =>
            SyntaxFactory.ParseExpression(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)).WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
