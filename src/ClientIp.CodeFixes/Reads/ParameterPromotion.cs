using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// A helper that takes a <c>ConnectionInfo</c> or an <c>IHeaderDictionary</c> and reads the client address from it has
/// no request to give the resolver: it takes the HttpContext instead. <c>Client(ConnectionInfo connection)</c> becomes
/// <c>Client(HttpContext context)</c>, the read becomes <c>context.GetClientIpAddress()</c>, its other uses of the
/// parameter become <c>context.Connection</c> (or <c>context.Request.Headers</c>), and each call in the project,
/// which passed <c>ctx.Connection</c> (or <c>ctx.Request.Headers</c>), passes <c>ctx</c>. Offered only when every
/// call is in this file and passes such an argument.
/// </summary>
/// <remarks>The read itself is rewritten by the usual strategies, against the new parameter (<see cref="HttpContextLocator.Provided"/>).</remarks>
internal sealed class ParameterPromotion
{
    private readonly ReadRewriteContext context;

    public ParameterPromotion(ReadRewriteContext context) => this.context = context;

    /// <summary>
    /// The new request for a read through a <c>ConnectionInfo</c> or header-dictionary parameter, with the edits of
    /// the signature, of the parameter's other uses and of every call; null when the promotion is not safe.
    /// </summary>
    public Promotion? Prepare(SyntaxNode read)
    {
        var symbols = context.Symbols;
        if (ParameterAtRoot(read) is not { } parameterName ||
            context.SymbolOf(parameterName) is not IParameterSymbol parameter ||
            parameter.RefKind != RefKind.None ||
            parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } method ||
            method.DeclaringSyntaxReferences.Length != 1 ||
            method.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is not { } declaration ||
            parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not ParameterSyntax parameterSyntax ||
            symbols.Get(Microsoft_AspNetCore_Http_HttpContext) is not { } httpContext)
        {
            return null;
        }

        // What the parameter was, as a member path from the HttpContext: ctx.Connection, ctx.Request.Headers.
        string[] path;
        if (symbols.IsOrImplements(parameter.Type, Microsoft_AspNetCore_Http_ConnectionInfo))
        {
            path = new[] { "Connection" };
        }
        else if (symbols.IsHeaderDictionary(parameter.Type))
        {
            path = new[] { "Request", "Headers" };
        }
        else
        {
            return null;
        }

        var root = declaration.SyntaxTree.GetRoot(context.CancellationToken);
        if (context.AppearsInOtherFiles(method.Name, root.SyntaxTree))
        {
            return null; // a caller elsewhere would still pass the old argument
        }

        var name = FreeName(declaration, "context", "httpContext", "requestContext");
        var edits = new RewritePlan();

        // Every call: ctx.Connection (or ctx.Request.Headers, request.Headers) becomes the context.
        foreach (var reference in root.DescendantNodes().OfType<IdentifierNameSyntax>()
                     .Where(id => id.Identifier.ValueText == method.Name && SymbolEqualityComparer.Default.Equals(context.SymbolOf(id)?.OriginalDefinition, method.OriginalDefinition)))
        {
            if (CallArgument(reference, method, parameter) is not { } argument || ContextOf(argument, path) is not { } passed)
            {
                return null; // a method group, or a call that passes something else
            }

            edits.Replace(argument, passed);
        }

        var type = context.Generator.TypeExpression(httpContext);
        edits.Imports.Add(httpContext);
        if (parameter.NullableAnnotation == NullableAnnotation.Annotated)
        {
            type = SyntaxFactory.NullableType((TypeSyntax)type);
        }

        edits.Replace(parameterSyntax, parameterSyntax.WithType((TypeSyntax)type).WithIdentifier(SyntaxFactory.Identifier(name)));
        var uses = context.ReferencesTo(parameter, declaration).ToList();
        if (uses.Any(use => use.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } || use.Parent is AssignmentExpressionSyntax assignment && assignment.Left == use))
        {
            return null;
        }

        var target = new ResolverTarget(SyntaxFactory.IdentifierName(name), mayBeNull: parameter.NullableAnnotation == NullableAnnotation.Annotated);
        return new Promotion(target, edits, uses, SyntaxFactory.IdentifierName(name), path);
    }

    /// <summary>A parameter turned into the HttpContext: the request to rewrite against, and the edits besides the read.</summary>
    internal sealed class Promotion
    {
        private readonly RewritePlan edits;
        private readonly IReadOnlyList<IdentifierNameSyntax> uses;
        private readonly ExpressionSyntax name;
        private readonly string[] path;

        public Promotion(ResolverTarget target, RewritePlan edits, IReadOnlyList<IdentifierNameSyntax> uses, ExpressionSyntax name, string[] path)
        {
            Target = target;
            this.edits = edits;
            this.uses = uses;
            this.name = name;
            this.path = path;
        }

        public ResolverTarget Target { get; }

        /// <summary>Adds the signature and call edits, and rewrites the parameter's uses the read's own edits left.</summary>
        public RewritePlan CompleteWith(RewritePlan read)
        {
            foreach (var replacement in edits.Replacements)
            {
                read.Replace(replacement.Key, replacement.Value);
            }

            read.Imports.UnionWith(edits.Imports);

            foreach (var use in uses.Where(u => !read.Targets.Any(t => t.Span.Contains(u.Span))))
            {
                read.Replace(use, Path(name, path).WithAdditionalAnnotations(Simplifier.Annotation));
            }

            return read;
        }
    }

    /// <summary>The parameter whose member chain <paramref name="read"/> is (<c>connection.RemoteIpAddress</c>, <c>headers["X-Real-IP"]</c>).</summary>
    private static IdentifierNameSyntax? ParameterAtRoot(SyntaxNode read)
    {
        var node = read;
        while (true)
        {
            switch (node)
            {
                case IdentifierNameSyntax name:
                    return name;
                case MemberAccessExpressionSyntax member:
                    node = member.Expression;
                    continue;
                case ElementAccessExpressionSyntax element:
                    node = element.Expression;
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }:
                    node = member.Expression;
                    continue;
                case ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax:
                    node = node.ChildNodes().First();
                    continue;
                default:
                    return null;
            }
        }
    }

    private string FreeName(SyntaxNode declaration, params string[] candidates)
    {
        var position = declaration switch
        {
            BaseMethodDeclarationSyntax { Body: { } body } => body.SpanStart,
            BaseMethodDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression.SpanStart,
            LocalFunctionStatementSyntax { Body: { } body } => body.SpanStart,
            LocalFunctionStatementSyntax { ExpressionBody: { } arrow } => arrow.Expression.SpanStart,
            _ => declaration.SpanStart,
        };
        return candidates.FirstOrDefault(n => context.Model.LookupSymbols(position, name: n).IsEmpty) ?? candidates[candidates.Length - 1];
    }

    /// <summary>The argument a call passes for <paramref name="parameter"/> (for an extension method called as one, its receiver).</summary>
    private ExpressionSyntax? CallArgument(IdentifierNameSyntax reference, IMethodSymbol method, IParameterSymbol parameter)
    {
        var call = reference.Parent switch
        {
            InvocationExpressionSyntax invocation when invocation.Expression == reference => invocation,
            MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } member when member.Name == reference => invocation,
            _ => null,
        };
        if (call is null)
        {
            return null;
        }

        if (method.IsExtensionMethod && parameter.Ordinal == 0 && context.SymbolOf(call) is IMethodSymbol { ReducedFrom: not null } &&
            call.Expression is MemberAccessExpressionSyntax receiver)
        {
            return receiver.Expression;
        }

        var arguments = call.ArgumentList.Arguments;
        var named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter.Name);
        var ordinal = parameter.Ordinal - (method.IsExtensionMethod && context.SymbolOf(call) is IMethodSymbol { ReducedFrom: not null } ? 1 : 0);
        return (named ?? (ordinal < arguments.Count && arguments[ordinal].NameColon is null ? arguments[ordinal] : null))?.Expression;
    }

    /// <summary><c>ctx.Connection</c> → <c>ctx</c>; <c>ctx.Request.Headers</c> → <c>ctx</c>; <c>request.Headers</c> → <c>request.HttpContext</c>.</summary>
    private ExpressionSyntax? ContextOf(ExpressionSyntax argument, string[] path)
    {
        var expression = argument;
        for (var i = path.Length - 1; i >= 0; i--)
        {
            if (expression is not MemberAccessExpressionSyntax member || member.Name.Identifier.ValueText != path[i])
            {
                return i == 0 && path.Length == 2 && context.Symbols.IsOrImplements(context.TypeOf(expression), Microsoft_AspNetCore_Http_HttpRequest) &&
                       HttpContextLocator.IsPortable(expression)
                    ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, expression.WithoutTrivia(), SyntaxFactory.IdentifierName("HttpContext"))
                    : null;
            }

            expression = member.Expression;
        }

        return context.Symbols.IsOrImplements(context.TypeOf(expression), Microsoft_AspNetCore_Http_HttpContext) ? expression.WithoutTrivia() : null;
    }

    private static ExpressionSyntax Path(ExpressionSyntax start, IEnumerable<string> members) =>
        members.Aggregate(start, (current, member) =>
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, current, SyntaxFactory.IdentifierName(member)));
}
