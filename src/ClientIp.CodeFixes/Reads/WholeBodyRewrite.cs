using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// A helper whose whole body derives the address:
/// <c>string GetClientIp(HttpContext c) { var h = c.Request.Headers["X-Forwarded-For"]; ... return ...; }</c>. When
/// every statement only serves the derivation, the body becomes one return of the resolver call, keeping the
/// helper's signature (and its own "unknown" text where its return type must not be null).
/// </summary>
internal sealed class WholeBodyRewrite
{
    private readonly ReadRewriteContext context;

    public WholeBodyRewrite(ReadRewriteContext context) => this.context = context;

    public RewritePlan? Plan(ExpressionSyntax start, RequestKind kind)
    {
        var function = start.Ancestors().FirstOrDefault(ReadRewriteContext.IsFunctionBoundary);
        var body = function switch
        {
            BaseMethodDeclarationSyntax declaration => declaration.Body,
            LocalFunctionStatementSyntax localFunction => localFunction.Body,
            AccessorDeclarationSyntax accessor => accessor.Body,
            _ => null,
        };
        if (body is null || body.Statements.Count < 2 || body.Statements[body.Statements.Count - 1] is not ReturnStatementSyntax ||
            context.Model.GetDeclaredSymbol(function!, context.CancellationToken) is not IMethodSymbol method ||
            !(context.Symbols.IsOrImplements(method.ReturnType, System_Net_IPAddress) || method.ReturnType.SpecialType == SpecialType.System_String))
        {
            return null;
        }

        var derived = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!body.Statements.All(s => ServesDerivation(s, derived)) || context.TargetFor(start, kind) is not { } target)
        {
            return null;
        }

        ExpressionSyntax value;
        var mustNotBeNull = context.NullableWarnings(body) && method.ReturnNullableAnnotation == NullableAnnotation.NotAnnotated;
        if (context.Symbols.IsOrImplements(method.ReturnType, System_Net_IPAddress))
        {
            value = context.Calls.IpAddress(target);
            if (mustNotBeNull)
            {
                value = ResolverCallFactory.Coalesce(value, context.NoAddress());
            }
        }
        else
        {
            value = context.Calls.Text(target);
            if (mustNotBeNull)
            {
                // Keep the helper's own "unknown" text if it had one, else the empty string StringValues.ToString() gave.
                var unknown = body.DescendantNodes().OfType<LiteralExpressionSyntax>()
                    .FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression) && (l.Parent is ReturnStatementSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }));
                value = ResolverCallFactory.Coalesce(value, unknown?.WithoutTrivia() ?? context.Calls.EmptyString());
            }
        }

        var newBody = body.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(
            SyntaxFactory.ReturnStatement(value).WithTriviaFrom(body.Statements[0])));
        return new RewritePlan().Replace(body, newBody);
    }

    private bool ServesDerivation(StatementSyntax statement, HashSet<ISymbol> derived)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax declaration:
                foreach (var variable in declaration.Declaration.Variables)
                {
                    if (variable.Initializer is { } initializer && !(IsDerivationShape(initializer.Value) && IsDerivedValue(initializer.Value, derived)))
                    {
                        return false;
                    }

                    if (context.Model.GetDeclaredSymbol(variable, context.CancellationToken) is { } local)
                    {
                        derived.Add(local);
                    }
                }

                return true;
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }:
                return context.SymbolOf(assignment.Left) is { } target && derived.Contains(target) &&
                       IsDerivationShape(assignment.Right) && IsDerivedValue(assignment.Right, derived);
            case ReturnStatementSyntax { Expression: { } value }:
                return IsDerivationShape(value) && (IsDerivedValue(value, derived) || value is LiteralExpressionSyntax);
            case IfStatementSyntax ifStatement:
                // out variables declared in the condition (TryGetValue(..., out var v)) are derived values too.
                foreach (var designation in ifStatement.Condition.DescendantNodes().OfType<SingleVariableDesignationSyntax>())
                {
                    if (context.Model.GetDeclaredSymbol(designation, context.CancellationToken) is { } outLocal)
                    {
                        derived.Add(outLocal);
                    }
                }

                return IsDerivedValue(ifStatement.Condition, derived) &&
                       ServesDerivation(ifStatement.Statement, derived) &&
                       (ifStatement.Else is null || ServesDerivation(ifStatement.Else.Statement, derived));
            case BlockSyntax block:
                return block.Statements.All(s => ServesDerivation(s, derived));
            case ForEachStatementSyntax loop when IsListOfNames(loop.Expression):
                // foreach (var name in CandidateHeaders) { if (TryGetValue(name, out var v) ...) return v; }
                if (context.Model.GetDeclaredSymbol(loop, context.CancellationToken) is { } name)
                {
                    derived.Add(name);
                }

                return ServesDerivation(loop.Statement, derived);
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether the value is only an address (text or IPAddress) picked out of its sources: names, member and element
    /// accesses, derivation steps (with a lambda that derives too), <c>??</c> and <c>?:</c>. <c>$"hello {ip}"</c> or
    /// <c>Normalize(ip)</c> are not.
    /// </summary>
    private bool IsDerivationShape(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or LiteralExpressionSyntax or MemberBindingExpressionSyntax or ElementBindingExpressionSyntax => true,
        PredefinedTypeSyntax => true, // string.Empty
        ParenthesizedExpressionSyntax parenthesized => IsDerivationShape(parenthesized.Expression),
        SimpleLambdaExpressionSyntax { ExpressionBody: { } body } => IsDerivationShape(body), // Select(x => x.Trim())
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed => IsDerivationShape(suppressed.Operand),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => IsDerivationShape(coalesce.Left) && IsDerivationShape(coalesce.Right),
        ConditionalExpressionSyntax conditional => IsDerivationShape(conditional.WhenTrue) && IsDerivationShape(conditional.WhenFalse),
        ConditionalAccessExpressionSyntax conditional => IsDerivationShape(conditional.Expression) && IsDerivationShape(conditional.WhenNotNull),
        MemberAccessExpressionSyntax member => IsDerivationShape(member.Expression),
        ElementAccessExpressionSyntax element => IsDerivationShape(element.Expression),
        InvocationExpressionSyntax invocation => context.SymbolOf(invocation) is IMethodSymbol method &&
            SideEffectFreeMethods.IsSideEffectFree(method, context.Symbols) &&
            invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => IsDerivationShape(member.Expression),
                MemberBindingExpressionSyntax => true,
                _ => false,
            } && invocation.ArgumentList.Arguments.All(a => a.Expression is LiteralExpressionSyntax || IsDerivationShape(a.Expression)),
        _ => false,
    };

    /// <summary>Header names to try: a field or property, or an array or collection of literals, of strings.</summary>
    private bool IsListOfNames(ExpressionSyntax expression) =>
        context.SymbolOf(expression) is IFieldSymbol or IPropertySymbol ||
        expression is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax or ObjectCreationExpressionSyntax &&
        expression.DescendantNodes().OfType<ExpressionSyntax>().All(e => e is LiteralExpressionSyntax || e.Parent is not InitializerExpressionSyntax and not CollectionElementSyntax);

    /// <summary>Built only from headers, the peer address and values derived from them, with no other effect.</summary>
    private bool IsDerivedValue(ExpressionSyntax expression, HashSet<ISymbol> derived)
    {
        var nodes = expression.DescendantNodesAndSelf().ToArray();
        if (nodes.Any(n => n is AssignmentExpressionSyntax or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax))
        {
            return false;
        }

        var usesSource = false;
        foreach (var node in nodes)
        {
            if (node is ElementAccessExpressionSyntax or InvocationExpressionSyntax && (context.HeaderReadAt(node) is not null || context.IsResolverCall(node)))
            {
                usesSource = true; // a header read however it is spelled (gRPC metadata, a server variable, LINQ by key), or one already fixed
            }

            if (node is IdentifierNameSyntax identifier && context.SymbolOf(identifier) is { } symbol)
            {
                if (derived.Contains(symbol) || context.IsHeaderSource(symbol) || context.IsRemoteAddressRead(identifier.Parent!))
                {
                    usesSource = true;
                }
                else if (symbol is ILocalSymbol)
                {
                    return false; // some other local: the body does more than derive the address
                }
            }

            if (node is InvocationExpressionSyntax invocation && !SideEffectFreeMethods.IsSideEffectFree(context.SymbolOf(invocation) as IMethodSymbol, context.Symbols))
            {
                return false;
            }
        }

        return usesSource;
    }
}
