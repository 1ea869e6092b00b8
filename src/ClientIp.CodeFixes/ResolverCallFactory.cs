using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes;

/// <summary>
/// Builds <c>ctx.GetClientIpAddress()</c> and <c>ctx.GetClientIpAddress()?.ToString()</c> with the
/// <see cref="SyntaxGenerator"/>. The import of the resolver's namespace is added by <see cref="FixApplier"/>.
/// </summary>
internal sealed class ResolverCallFactory
{
    private readonly SyntaxGenerator generator;
    public ResolverCallFactory(SyntaxGenerator generator) => this.generator = generator;

    /// <summary><c>ctx.GetClientIpAddress()</c>, or <c>ctx?.GetClientIpAddress()</c> when the context may be null.</summary>
    public ExpressionSyntax IpAddress(ContextAccess context)
    {
        var target = context.Expression.WithoutTrivia();
        var name = MethodName();
        if (context.MayBeNull)
        {
            return (ExpressionSyntax)generator.ConditionalAccessExpression(
                target, generator.InvocationExpression(generator.MemberBindingExpression(name)));
        }

        return (ExpressionSyntax)generator.InvocationExpression(generator.MemberAccessExpression(target, name));
    }

    /// <summary><c>ctx.GetClientIpAddress()?.ToString()</c>: the same address as text, null when unknown.</summary>
    public ExpressionSyntax Text(ContextAccess context) => AppendToString(IpAddress(context));

    /// <summary><c>.GetClientIpAddress()</c> as the bound part of an existing conditional access (<c>x?.…</c>).</summary>
    public ExpressionSyntax BoundIpAddress() =>
        (ExpressionSyntax)generator.InvocationExpression(generator.MemberBindingExpression(MethodName()));

    /// <summary>Appends <c>?.ToString()</c>, nesting into an existing conditional access so the chain stays flat.</summary>
    public ExpressionSyntax AppendToString(ExpressionSyntax ipAddress)
    {
        var toString = (ExpressionSyntax)generator.InvocationExpression(generator.MemberBindingExpression(generator.IdentifierName("ToString")));
        return ipAddress is ConditionalAccessExpressionSyntax conditional
            ? conditional.WithWhenNotNull(SyntaxFactory.ConditionalAccessExpression(conditional.WhenNotNull, toString))
            : SyntaxFactory.ConditionalAccessExpression(ipAddress, toString);
    }

    private SyntaxNode MethodName() => generator.IdentifierName(WellKnownSymbols.ResolverMethodName);
}
