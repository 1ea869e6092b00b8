using System.Linq;
using ClientIp.Analyzers.Reads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// <c>[FromHeader(Name = "X-Forwarded-For")] string client</c> on a minimal-API handler or an MVC action: the binding
/// is the read. The parameter goes, and each use of it becomes the resolver call on the request's HttpContext: the
/// handler's own <c>HttpContext</c> (or <c>HttpRequest</c>) parameter, a controller's <c>HttpContext</c>, or, for a
/// handler given as a <c>Delegate</c> (a lambda or a method group passed to <c>MapGet</c> and the like), an
/// <c>HttpContext</c> parameter the fix adds, which ASP.NET Core binds to the request.
/// </summary>
/// <remarks>
/// Not rewritten: <c>[FromHeader]</c> on properties (model types and <c>[AsParameters]</c>: their uses may be anywhere),
/// record parameters, values of other types (<c>StringValues</c>, arrays: every entry), a parameter written to, and
/// methods called directly (their callers would have to change).
/// </remarks>
internal sealed class FromHeaderRewrite
{
    private readonly ReadRewriteContext context;

    public FromHeaderRewrite(ReadRewriteContext context) => this.context = context;

    public (RewritePlan Edits, string Header)? Plan(SyntaxNode reported)
    {
        var parameterSyntax = reported.FirstAncestorOrSelf<ParameterSyntax>();
        if (parameterSyntax?.Parent is not ParameterListSyntax list ||
            context.Model.GetDeclaredSymbol(parameterSyntax, context.CancellationToken) is not { } parameter ||
            FromHeader.HeaderOf(parameter, context.Symbols) is not { } header ||
            parameter.ContainingSymbol is not IMethodSymbol method ||
            list.Parent is not (ParenthesizedLambdaExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax))
        {
            return null;
        }

        var isText = parameter.Type.SpecialType == SpecialType.System_String;
        if (!isText && !context.Symbols.IsOrImplements(parameter.Type, System_Net_IPAddress))
        {
            return null;
        }

        var function = list.Parent;
        var uses = context.ReferencesTo(parameter, function).ToList();
        if (uses.Any(use => use.Parent is AssignmentExpressionSyntax assignment && assignment.Left == use ||
                            use.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } ||
                            use.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" })))
        {
            return null;
        }

        // A method called directly (not a handler) would need its callers changed.
        if (function is MethodDeclarationSyntax && IsCalledDirectly(function, method))
        {
            return null;
        }

        var plan = new RewritePlan();
        var newList = list.WithParameters(list.Parameters.Remove(parameterSyntax));
        if (RequestOf(function, method, parameter) is { } existing)
        {
            context.Locator.Provided = existing;
        }
        else if (CanAddParameter(function, method) && context.Symbols.Get(Microsoft_AspNetCore_Http_HttpContext) is { } httpContext)
        {
            var name = FreeName(function, "httpContext", "requestContext");
            newList = newList.AddParameters(SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
                .WithType((TypeSyntax)context.Generator.TypeExpression(httpContext)));
            plan.Imports.Add(httpContext);
            context.Locator.Provided = new ResolverTarget(SyntaxFactory.IdentifierName(name), mayBeNull: false);
        }
        else
        {
            return null;
        }

        try
        {
            var target = context.Locator.Provided!;
            foreach (var use in uses)
            {
                var call = isText ? context.Calls.Text(target) : context.Calls.IpAddress(target);
                var kept = context.KeepNullState(use, call, isText);
                plan.Replace(use, kept == call && IsReceiver(use) ? SyntaxFactory.ParenthesizedExpression(call) : kept);
            }
        }
        finally
        {
            context.Locator.Provided = null;
        }

        plan.Replace(list, newList);
        return (plan, header);
    }

    /// <summary><c>use.Member</c> or <c>use[i]</c>: a <c>?.</c> put there would swallow the member into its chain.</summary>
    private static bool IsReceiver(ExpressionSyntax use) =>
        use.Parent is MemberAccessExpressionSyntax member && member.Expression == use ||
        use.Parent is ElementAccessExpressionSyntax element && element.Expression == use;

    /// <summary>The handler's own request: an <c>HttpContext</c> or <c>HttpRequest</c> parameter, or a controller's or page's <c>HttpContext</c>.</summary>
    private ResolverTarget? RequestOf(SyntaxNode function, IMethodSymbol method, IParameterSymbol removed)
    {
        foreach (var other in method.Parameters.Where(p => !SymbolEqualityComparer.Default.Equals(p, removed)))
        {
            if (context.Symbols.IsOrImplements(other.Type, Microsoft_AspNetCore_Http_HttpContext))
            {
                return new ResolverTarget(SyntaxFactory.IdentifierName(other.Name), mayBeNull: false);
            }

            if (context.Symbols.IsOrImplements(other.Type, Microsoft_AspNetCore_Http_HttpRequest))
            {
                return new ResolverTarget(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(other.Name), SyntaxFactory.IdentifierName("HttpContext")),
                    mayBeNull: false);
            }
        }

        // A controller action or page handler: the instance's HttpContext.
        return function is MethodDeclarationSyntax declaration && !method.IsStatic &&
               ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is { } body
            ? context.Locator.InScope(body, RequestKind.HttpContext)
            : null;
    }

    /// <summary>
    /// Whether the handler may take one more parameter: a lambda given as a <c>Delegate</c>, or a local function or
    /// private method whose every reference in this file is a method group given as a <c>Delegate</c>.
    /// </summary>
    private bool CanAddParameter(SyntaxNode function, IMethodSymbol method)
    {
        if (function is ParenthesizedLambdaExpressionSyntax lambda)
        {
            return IsGivenAsDelegate(lambda);
        }

        if (method.DeclaredAccessibility is not (Accessibility.Private or Accessibility.NotApplicable))
        {
            return false;
        }

        var references = function.SyntaxTree.GetRoot(context.CancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(id => id.Identifier.ValueText == method.Name && SymbolEqualityComparer.Default.Equals(MethodGroupSymbol(id), method))
            .ToList();
        return references.Count > 0 && references.All(reference =>
            IsGivenAsDelegate(reference.Parent is MemberAccessExpressionSyntax member && member.Name == reference ? member : reference));
    }

    /// <summary>The method a name refers to, also as a method group given where several overloads could take it.</summary>
    private ISymbol? MethodGroupSymbol(IdentifierNameSyntax name)
    {
        var info = context.Model.GetSymbolInfo(name, context.CancellationToken);
        return info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
    }

    /// <summary>A lambda or method group converted to <c>System.Delegate</c> (what <c>MapGet</c> and friends take).</summary>
    private bool IsGivenAsDelegate(ExpressionSyntax expression)
    {
        var operation = context.Model.GetOperation(expression, context.CancellationToken);
        while (operation?.Parent is Microsoft.CodeAnalysis.Operations.IDelegateCreationOperation or Microsoft.CodeAnalysis.Operations.IConversionOperation)
        {
            operation = operation.Parent;
        }

        return operation?.Type?.SpecialType is SpecialType.System_Delegate or SpecialType.System_MulticastDelegate;
    }

    private bool IsCalledDirectly(SyntaxNode function, IMethodSymbol method) =>
        function.SyntaxTree.GetRoot(context.CancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Any(call => SymbolEqualityComparer.Default.Equals(context.SymbolOf(call)?.OriginalDefinition, method.OriginalDefinition)) ||
        context.AppearsInOtherFiles(method.Name + "(", function.SyntaxTree);

    private string FreeName(SyntaxNode function, params string[] candidates) =>
        candidates.FirstOrDefault(n => context.Model.LookupSymbols(function.SpanStart, name: n).IsEmpty &&
                                       !function.DescendantTokens().Any(t => t.ValueText == n))
        ?? candidates[candidates.Length - 1];
}
