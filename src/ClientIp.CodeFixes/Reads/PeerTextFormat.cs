using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// gRPC's <c>ServerCallContext.Peer</c> is not an address but <c>ipv4:203.0.113.7:52311</c> or
/// <c>ipv6:[::1]:52311</c>. The resolved client as text is the address alone, so the rewrite keeps the code's meaning
/// only where the format does not matter: the value stored, logged, interpolated, or used as the key of a collection
/// the same member fills with it (a per-caller counter). Parsed (<c>peer[..peer.LastIndexOf(':')]</c>), compared, looked
/// up in a set filled elsewhere (an allow-list of <c>"ipv4:10.0.0.7"</c>), returned or handed to the app's own code, it
/// would change what the app decides, so no fix is offered there.
/// </summary>
internal static class PeerTextFormat
{
    private static readonly string[] Lookups = { "Contains", "ContainsKey", "TryGetValue", "Remove", "TryRemove", "IndexOf", "BinarySearch" };
    private static readonly string[] Fills = { "Add", "TryAdd", "AddOrUpdate", "GetOrAdd", "Enqueue", "Push", "Set" };

    /// <summary>Whether the code around <paramref name="read"/> depends on the peer's gRPC format.</summary>
    public static bool Matters(ExpressionSyntax read, ReadRewriteContext context)
    {
        var member = read.Ancestors().FirstOrDefault(ReadRewriteContext.IsFunctionBoundary);
        var value = Outermost(read);

        // metadata.GetValue("x-real-ip") ?? context.Peer: the code already treats the peer as one more address.
        if (value.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce && coalesce.Right == value ||
            value.Parent is ConditionalExpressionSyntax conditional && conditional.Condition != value)
        {
            return false;
        }

        if (HeldBy(value, context) is { } local)
        {
            // Every reference to the local is a use of the value; a second assignment makes it something else.
            return member is null || context.ReferencesTo(local, member).Any(n => !IsAssignmentTarget(n) && UseMatters(Outermost(n), member, context));
        }

        return member is null || UseMatters(value, member, context);
    }

    /// <summary>The local that <c>var peer = context.Peer;</c> declares, or null when the value is used in place.</summary>
    private static ILocalSymbol? HeldBy(ExpressionSyntax value, ReadRewriteContext context) =>
        value.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            ? context.Model.GetDeclaredSymbol(declarator, context.CancellationToken) as ILocalSymbol
            : null;

    private static bool IsAssignmentTarget(IdentifierNameSyntax name) =>
        name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name;

    private static ExpressionSyntax Outermost(ExpressionSyntax expression)
    {
        while (expression.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax ||
               expression.Parent is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            expression = (ExpressionSyntax)expression.Parent;
        }

        return expression;
    }

    private static bool UseMatters(ExpressionSyntax use, SyntaxNode member, ReadRewriteContext context)
    {
        switch (use.Parent)
        {
            case InterpolationSyntax:
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression }:
            case AssignmentExpressionSyntax assignment when assignment.Right == use && context.SymbolOf(assignment.Left) is IPropertySymbol or IFieldSymbol:
                return false;

            // _lastSeen[peer] = now (a key the member fills) or _hits[peer]++.
            case ArgumentSyntax { Parent: BracketedArgumentListSyntax { Parent: ElementAccessExpressionSyntax element } }:
                return !(element.Parent is AssignmentExpressionSyntax fill && fill.Left == element ||
                         element.Parent is PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax ||
                         FilledBy(element.Expression, member, context));

            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }:
                return ArgumentMatters(invocation, member, context);

            // peer.Substring(...), peer[..i], peer == "...", peer is "...", switch (peer), return peer, Check(peer)...
            default:
                return true;
        }
    }

    private static bool ArgumentMatters(InvocationExpressionSyntax invocation, SyntaxNode member, ReadRewriteContext context)
    {
        if (context.SymbolOf(invocation) is not IMethodSymbol method)
        {
            return true;
        }

        if (method.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace")
        {
            return false;
        }

        // The app's own code may parse it; System.String, Regex, IPAddress, Uri and friends do.
        var type = (method.ReducedFrom ?? method).ContainingType;
        if (type is null || method.Locations.Any(l => l.IsInSource) || type.SpecialType == SpecialType.System_String ||
            type.ContainingNamespace?.ToDisplayString() is "System.Net" or "System.Text.RegularExpressions" ||
            type.Name is "Uri" or "MemoryExtensions" or "Convert")
        {
            return true;
        }

        if (Fills.Contains(method.Name))
        {
            return false;
        }

        if (Lookups.Contains(method.Name))
        {
            return invocation.Expression is not MemberAccessExpressionSyntax lookup || !FilledBy(lookup.Expression, member, context);
        }

        // Logging and other library calls that take the value as data.
        return method.ReturnType.SpecialType == SpecialType.System_Boolean;
    }

    /// <summary>Whether the member adds keys to <paramref name="collection"/> (so the keys share the value's format).</summary>
    private static bool FilledBy(ExpressionSyntax collection, SyntaxNode member, ReadRewriteContext context)
    {
        var symbol = context.SymbolOf(collection);
        if (symbol is null)
        {
            return false;
        }

        return member.DescendantNodes().Any(node => node switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } when Fills.Contains(access.Name.Identifier.ValueText) =>
                SymbolEqualityComparer.Default.Equals(context.SymbolOf(access.Expression), symbol),
            AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax element } =>
                SymbolEqualityComparer.Default.Equals(context.SymbolOf(element.Expression), symbol),
            _ => false,
        });
    }
}
