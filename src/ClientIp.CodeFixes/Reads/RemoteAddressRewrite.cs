using System.Linq;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// Turns one read of the peer address into the resolver call on the owning request:
/// <c>ctx.Connection.RemoteIpAddress</c> becomes <c>ctx.GetClientIpAddress()</c>, <c>ctx?.Connection.RemoteIpAddress</c>
/// becomes <c>ctx?.GetClientIpAddress()</c>, <c>ctx.Features.Get&lt;IHttpConnectionFeature&gt;()?.RemoteIpAddress</c>
/// becomes <c>ctx.GetClientIpAddress()</c>, and HttpListener's <c>request.RemoteEndPoint.Address</c> becomes
/// <c>request.GetClientIpAddress()</c>.
/// </summary>
internal sealed class RemoteAddressRewrite
{
    private readonly ReadRewriteContext context;

    public RemoteAddressRewrite(ReadRewriteContext context) => this.context = context;

    /// <summary>The node to replace and its replacement, or null when no request is reachable.</summary>
    public (SyntaxNode Target, ExpressionSyntax Replacement)? Plan(SyntaxNode read)
    {
        if (read is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "RemoteEndPoint" } endPoint)
        {
            return PlanEndPoint(endPoint);
        }

        // The peer as text (gRPC's Peer, the REMOTE_ADDR server variable): the resolved client as text, unless the code
        // depends on gRPC's "ipv4:address:port" format.
        if (context.TypeOf(read)?.SpecialType == SpecialType.System_String)
        {
            return context.Symbols.Is(context.SymbolOf(read), WellKnownMember.ServerCallContext_Peer) && PeerTextFormat.Matters((ExpressionSyntax)read, context)
                ? null
                : PlanText(read);
        }

        var locator = context.Locator;
        switch (read)
        {
            // x?.Connection.RemoteIpAddress: keep the "x?." and bind the resolver to it.
            case MemberAccessExpressionSyntax { Expression: MemberBindingExpressionSyntax } member when Binding(member) is { } conditional:
                var bound = locator.FromReceiver(conditional.Expression, member, RequestKind.HttpContext);
                if (bound is not null && HttpContextLocator.Unwrap(bound.Expression) == HttpContextLocator.Unwrap(conditional.Expression))
                {
                    return (member, context.Calls.BoundIpAddress());
                }

                return ReplaceConditional(conditional, member, bound ?? locator.InScope(member, RequestKind.HttpContext));

            case MemberAccessExpressionSyntax member:
                var target = locator.Locate(member.Expression, member, RequestKind.HttpContext);
                return target is null ? null : (member, context.Calls.IpAddress(target));

            // feature?.RemoteIpAddress...: the context replaces the whole conditional chain head.
            case MemberBindingExpressionSyntax binding when Binding(binding) is { } conditional:
                return ReplaceConditional(conditional, binding, locator.Locate(conditional.Expression, binding, RequestKind.HttpContext));

            default:
                return null;
        }
    }

    /// <summary>
    /// <c>ctx.Connection is { RemoteIpAddress: P }</c>, the peer being the pattern's only property:
    /// <c>ctx.GetClientIpAddress() is P</c>, which matches exactly when the resolved address matches P.
    /// </summary>
    /// <param name="name">The property's name in the pattern, where the diagnostic is reported.</param>
    public (SyntaxNode Target, ExpressionSyntax Replacement)? PlanPropertyPattern(IdentifierNameSyntax name)
    {
        if (name.Parent is not (NameColonSyntax or ExpressionColonSyntax) ||
            name.Parent.Parent is not SubpatternSyntax { Parent: PropertyPatternClauseSyntax { Subpatterns.Count: 1 } clause } subpattern ||
            clause.Parent is not RecursivePatternSyntax { Type: null, PositionalPatternClause: null, Designation: null, Parent: IsPatternExpressionSyntax isPattern } ||
            !context.Symbols.Is(context.SymbolOf(name), WellKnownMember.ConnectionInfo_RemoteIpAddress) ||
            context.Locator.Locate(isPattern.Expression, isPattern, RequestKind.HttpContext) is not { } request)
        {
            return null;
        }

        var call = context.Calls.IpAddress(request).WithTriviaFrom(isPattern.Expression);
        return (isPattern, isPattern.WithExpression(call).WithPattern(subpattern.Pattern.WithTriviaFrom(clause.Parent)));
    }

    /// <summary>
    /// <c>context.Peer</c>, <c>ctx.GetServerVariable("REMOTE_ADDR")</c>, <c>ctx.Features.Get&lt;IServerVariablesFeature&gt;()?["REMOTE_ADDR"]</c>:
    /// the whole read becomes the resolved client as text (keeping the null state the text had).
    /// </summary>
    private (SyntaxNode Target, ExpressionSyntax Replacement)? PlanText(SyntaxNode read)
    {
        ExpressionSyntax target;
        ResolverTarget? request;
        if (read is ElementBindingExpressionSyntax binding)
        {
            // feature?["REMOTE_ADDR"]: the conditional access goes whole; anything bound after it is not a shape to guess at.
            if (Binding(binding) is not { } access || access.WhenNotNull != binding)
            {
                return null;
            }

            target = access;
            request = context.Locator.Locate(access.Expression, binding, RequestKind.HttpContext);
        }
        else
        {
            target = (ExpressionSyntax)read;
            var receiver = read switch
            {
                MemberAccessExpressionSyntax member => member.Expression,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Expression,
                ElementAccessExpressionSyntax element => element.Expression,
                _ => null,
            };
            request = context.Locator.Locate(receiver, read, RequestKind.HttpContext);
        }

        return request is null ? null : (target, context.KeepNullState(target, context.Calls.Text(request), isText: true));
    }

    /// <summary>
    /// <c>request.RemoteEndPoint.Address</c> (or <c>?.Address</c>): the endpoint's address is what the resolver
    /// replaces; any other use of the endpoint (its port, the endpoint itself) keeps no meaning without a proxy-aware
    /// equivalent, so it gets no fix.
    /// </summary>
    private (SyntaxNode Target, ExpressionSyntax Replacement)? PlanEndPoint(MemberAccessExpressionSyntax endPoint)
    {
        if (context.Locator.Locate(endPoint.Expression, endPoint, RequestKind.HttpListener) is not { } request)
        {
            return null;
        }

        var call = context.Calls.IpAddress(request);
        switch (endPoint.Parent)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Address" } address when address.Expression == endPoint:
                return (address, context.KeepNullState(address, call, isText: false));

            case ConditionalAccessExpressionSyntax conditional when conditional.Expression == endPoint &&
                LeftmostBinding(conditional.WhenNotNull) is MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Address" } addressBinding:
                if (addressBinding == conditional.WhenNotNull)
                {
                    return (conditional, call);
                }

                // ?.Address.ToString() -> call?.ToString(); ?.Address?.ToString() -> call?.ToString()
                var rest = addressBinding.Parent switch
                {
                    MemberAccessExpressionSyntax next when next.Expression == addressBinding =>
                        conditional.WhenNotNull.ReplaceNode(next, SyntaxFactory.MemberBindingExpression(next.Name)),
                    ConditionalAccessExpressionSyntax next when next.Expression == addressBinding && next == conditional.WhenNotNull => next.WhenNotNull,
                    _ => null,
                };
                return rest is null ? null : (conditional, SyntaxFactory.ConditionalAccessExpression(call, rest));

            default:
                return null;
        }
    }

    private (SyntaxNode Target, ExpressionSyntax Replacement)? ReplaceConditional(ConditionalAccessExpressionSyntax conditional, ExpressionSyntax boundRead, ResolverTarget? target)
    {
        if (target is null)
        {
            return null;
        }

        var call = context.Calls.IpAddress(target);
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
}
