using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes;

/// <summary>
/// Turns one read of <c>RemoteIpAddress</c> (on <c>ConnectionInfo</c> or <c>IHttpConnectionFeature</c>) into the
/// resolver call on the owning HttpContext: <c>ctx.Connection.RemoteIpAddress</c> becomes
/// <c>ctx.GetClientIpAddress()</c>, <c>ctx?.Connection.RemoteIpAddress</c> becomes <c>ctx?.GetClientIpAddress()</c>,
/// <c>ctx.Features.Get&lt;IHttpConnectionFeature&gt;()?.RemoteIpAddress</c> becomes <c>ctx.GetClientIpAddress()</c>.
/// </summary>
internal sealed class RemoteAddressRewrite
{
    private readonly SemanticModel model;
    private readonly WellKnownSymbols symbols;
    private readonly HttpContextLocator locator;
    private readonly ResolverCallFactory calls;
    private readonly CancellationToken cancellationToken;

    public RemoteAddressRewrite(SemanticModel model, WellKnownSymbols symbols, HttpContextLocator locator, ResolverCallFactory calls, CancellationToken cancellationToken)
    {
        this.model = model;
        this.symbols = symbols;
        this.locator = locator;
        this.calls = calls;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>Whether <paramref name="node"/> reads the peer address (the property CIP0001 is about).</summary>
    public bool IsRemoteAddressRead(SyntaxNode node) =>
        node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "RemoteIpAddress" } or MemberBindingExpressionSyntax { Name.Identifier.ValueText: "RemoteIpAddress" } &&
        model.GetSymbolInfo(node, cancellationToken).Symbol is IPropertySymbol property &&
        (symbols.IsOrImplements(property.ContainingType, Microsoft_AspNetCore_Http_ConnectionInfo) || symbols.IsOrImplements(property.ContainingType, Microsoft_AspNetCore_Http_Features_IHttpConnectionFeature));

    /// <summary>Whether <paramref name="node"/> already calls the resolver.</summary>
    public bool IsResolverCall(SyntaxNode node) =>
        node is InvocationExpressionSyntax &&
        model.GetSymbolInfo(node, cancellationToken).Symbol is IMethodSymbol method &&
        SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.ResolverExtensions);

    /// <summary>The node to replace and its replacement, or null when no HttpContext is reachable.</summary>
    public (SyntaxNode Target, ExpressionSyntax Replacement)? Plan(SyntaxNode read)
    {
        switch (read)
        {
            // x?.Connection.RemoteIpAddress: keep the "x?." and bind the resolver to it.
            case MemberAccessExpressionSyntax { Expression: MemberBindingExpressionSyntax } member
                when Binding(member) is { } conditional:
                var bound = locator.FromReceiver(conditional.Expression, hops: 0);
                if (bound is not null && bound.Expression == Unwrapped(conditional.Expression))
                {
                    return (member, calls.BoundIpAddress());
                }

                return ReplaceConditional(conditional, member, bound ?? locator.InScope(member));

            case MemberAccessExpressionSyntax member:
                var context = locator.Locate(member.Expression, member);
                return context is null ? null : (member, calls.IpAddress(context));

            // feature?.RemoteIpAddress...: the context replaces the whole conditional chain head.
            case MemberBindingExpressionSyntax binding when Binding(binding) is { } conditional:
                return ReplaceConditional(conditional, binding, locator.Locate(conditional.Expression, binding));

            default:
                return null;
        }
    }

    private (SyntaxNode Target, ExpressionSyntax Replacement)? ReplaceConditional(ConditionalAccessExpressionSyntax conditional, ExpressionSyntax boundRead, ContextAccess? context)
    {
        if (context is null)
        {
            return null;
        }

        var call = calls.IpAddress(context);
        var rest = conditional.WhenNotNull == boundRead ? call : conditional.WhenNotNull.ReplaceNode(boundRead, call);
        return (conditional, rest);
    }

    /// <summary>The conditional access whose "?." the leftmost binding of <paramref name="node"/> refers to.</summary>
    private static ConditionalAccessExpressionSyntax? Binding(ExpressionSyntax node)
    {
        for (SyntaxNode? current = node; current?.Parent is { } parent; current = parent)
        {
            if (parent is ConditionalAccessExpressionSyntax conditional)
            {
                if (conditional.WhenNotNull == current)
                {
                    // The binding must be the first thing evaluated in WhenNotNull for the receiver to be conditional.Expression.
                    return LeftmostBinding(conditional.WhenNotNull) == LeftmostBinding(node) ? conditional : null;
                }

                if (conditional.Expression == current)
                {
                    continue;
                }
            }
        }

        return null;
    }

    private static SyntaxNode? LeftmostBinding(SyntaxNode node) =>
        node.DescendantNodesAndSelf().FirstOrDefault(n => n is MemberBindingExpressionSyntax or ElementBindingExpressionSyntax);

    private static ExpressionSyntax Unwrapped(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax p ? Unwrapped(p.Expression) : expression;
}
