using System.Linq;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// Builds the resolver calls with the <see cref="SyntaxGenerator"/>: <c>ctx.GetClientIpAddress()</c>,
/// <c>ctx.GetClientIpAddress()?.ToString()</c>, <c>ctx.GetClientIpPartitionKey()</c>. The import of the resolver's
/// namespace is added when the fix is applied (<see cref="ReadFixApplier"/>).
/// </summary>
internal sealed class ResolverCallFactory
{
    private readonly SyntaxGenerator generator;

    public ResolverCallFactory(SyntaxGenerator generator) => this.generator = generator;

    /// <summary>
    /// When set, calls are written through the resolver's class (<c>ClientIpHttpContextExtensions.GetClientIpAddress(ctx)</c>),
    /// because another method of the same name is in scope (see <see cref="ResolverNames.IsTaken"/>).
    /// </summary>
    public INamedTypeSymbol? QualifiedBy { get; private set; }

    private ExpressionSyntax? qualifiedName;

    /// <summary>
    /// Writes calls through <paramref name="type"/>, by its namespace-qualified name, or from <c>global::</c> when the
    /// namespace's first name is taken at the site (a <c>ClientIp</c> property is common).
    /// </summary>
    public void QualifyBy(INamedTypeSymbol? type, bool fromGlobal)
    {
        QualifiedBy = type;
        if (type is null)
        {
            qualifiedName = null;
            return;
        }

        var names = type.ContainingNamespace.ToDisplayString().Split('.');
        ExpressionSyntax name = fromGlobal
            ? SyntaxFactory.AliasQualifiedName(SyntaxFactory.IdentifierName(SyntaxFactory.Token(SyntaxKind.GlobalKeyword)), SyntaxFactory.IdentifierName(names[0]))
            : SyntaxFactory.IdentifierName(names[0]);
        foreach (var part in names.Skip(1).Append(type.Name))
        {
            name = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, name, SyntaxFactory.IdentifierName(part));
        }

        qualifiedName = name;
    }

    /// <summary>Set when a call could not be written (a qualified call on a request that may be null).</summary>
    public bool Failed { get; private set; }

    /// <summary><c>ctx.GetClientIpAddress()</c>, or <c>ctx?.GetClientIpAddress()</c> when the request may be null.</summary>
    public ExpressionSyntax IpAddress(ResolverTarget target) => Call(target, WellKnownSymbols.ResolverMethodName);

    /// <summary><c>ctx.GetClientIpPartitionKey()</c>: the rate-limiting key of the client (IPv6 grouped by /64).</summary>
    public ExpressionSyntax PartitionKey(ResolverTarget target) => Call(target, WellKnownSymbols.PartitionKeyMethodName);

    /// <summary><c>ctx.GetClientIpAddress()?.ToString()</c>: the same address as text, null when unknown.</summary>
    public ExpressionSyntax Text(ResolverTarget target) => AppendToString(IpAddress(target));

    /// <summary><c>.GetClientIpAddress()</c> as the bound part of an existing conditional access (<c>x?.…</c>).</summary>
    public ExpressionSyntax BoundIpAddress()
    {
        Failed |= QualifiedBy is not null;
        return (ExpressionSyntax)generator.InvocationExpression(generator.MemberBindingExpression(generator.IdentifierName(WellKnownSymbols.ResolverMethodName)));
    }

    /// <summary>Appends <c>?.ToString()</c>, nesting into an existing conditional access so the chain stays flat.</summary>
    public ExpressionSyntax AppendToString(ExpressionSyntax ipAddress)
    {
        var toString = (ExpressionSyntax)generator.InvocationExpression(generator.MemberBindingExpression(generator.IdentifierName("ToString")));
        return ipAddress is ConditionalAccessExpressionSyntax conditional
            ? conditional.WithWhenNotNull(SyntaxFactory.ConditionalAccessExpression(conditional.WhenNotNull, toString))
            : SyntaxFactory.ConditionalAccessExpression(ipAddress, toString);
    }

    /// <summary><c>left ?? right</c> without the parentheses SyntaxGenerator would add around <c>a?.b</c>.</summary>
    public static ExpressionSyntax Coalesce(ExpressionSyntax left, ExpressionSyntax right) =>
        SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, left, right);

    /// <summary><c>string.Empty</c>: what <c>StringValues.ToString()</c> gave for a missing header.</summary>
    public ExpressionSyntax EmptyString() =>
        (ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(SpecialType.System_String), "Empty");

    private ExpressionSyntax Call(ResolverTarget target, string method)
    {
        var receiver = target.Expression.WithoutTrivia();
        if (qualifiedName is not null)
        {
            Failed |= target.MayBeNull;
            return (ExpressionSyntax)generator.InvocationExpression(generator.MemberAccessExpression(qualifiedName, method), receiver);
        }

        var name = generator.IdentifierName(method);
        if (target.MayBeNull)
        {
            return (ExpressionSyntax)generator.ConditionalAccessExpression(receiver, generator.InvocationExpression(generator.MemberBindingExpression(name)));
        }

        return (ExpressionSyntax)generator.InvocationExpression(generator.MemberAccessExpression(Parenthesize(receiver), name));
    }

    /// <summary><c>(x as HttpContext)</c> and the like need parentheses before <c>.Method()</c>; names and calls do not.</summary>
    private static ExpressionSyntax Parenthesize(ExpressionSyntax receiver) =>
        receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax or
            ElementAccessExpressionSyntax or ThisExpressionSyntax or PostfixUnaryExpressionSyntax
            ? receiver
            : SyntaxFactory.ParenthesizedExpression(receiver);
}
