using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes;

/// <summary>An expression that yields the request's HttpContext at the place being fixed.</summary>
internal sealed class ContextAccess
{
    public ContextAccess(ExpressionSyntax Expression, bool MayBeNull)
    {
        this.Expression = Expression;
        this.MayBeNull = MayBeNull;
    }

    /// <summary>The expression; <see cref="ResolverCallFactory"/> strips its trivia before placing it.</summary>
    public ExpressionSyntax Expression { get; }

    /// <summary>Whether the resolver must be called with <c>?.</c> (e.g. <c>_accessor.HttpContext</c>).</summary>
    public bool MayBeNull { get; }
}

/// <summary>
/// Finds the HttpContext that owns a connection, request, header dictionary or feature read: first through the
/// receiver chain of the read itself (<c>ctx.Request.Headers</c>, <c>ctx.Connection</c>,
/// <c>ctx.Features.Get&lt;IHttpConnectionFeature&gt;()</c>, a local initialised that way), then among what is in
/// scope (a parameter or local, a controller's or page model's <c>HttpContext</c>, <c>Request.HttpContext</c>,
/// <c>_accessor.HttpContext</c>, a hub's <c>Context.GetHttpContext()</c>).
/// </summary>
internal sealed class HttpContextLocator
{
    private const int MaxLocalHops = 4;

    private readonly SemanticModel model;
    private readonly WellKnownSymbols symbols;
    private readonly CancellationToken cancellationToken;

    public HttpContextLocator(SemanticModel model, WellKnownSymbols symbols, CancellationToken cancellationToken)
    {
        this.model = model;
        this.symbols = symbols;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>Locals whose initializer was followed to find the context; the fix may make them unused.</summary>
    public HashSet<ILocalSymbol> FollowedLocals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The context owning <paramref name="receiver"/>, else the one reachable at <paramref name="site"/>.</summary>
    public ContextAccess? Locate(ExpressionSyntax? receiver, SyntaxNode site) =>
        (receiver is null ? null : FromReceiver(receiver, hops: 0)) ?? InScope(site);

    /// <summary>Follows the receiver chain of a read back to an HttpContext-typed expression.</summary>
    public ContextAccess? FromReceiver(ExpressionSyntax receiver, int hops)
    {
        receiver = Unwrap(receiver);
        var type = model.GetTypeInfo(receiver, cancellationToken).Type;

        if (symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_HttpContext))
        {
            return new ContextAccess(receiver, MayBeNull: false);
        }

        // ctx.Request / ctx.Connection / ctx.Request.Headers / ctx.Features.Get<IHttpConnectionFeature>()
        switch (receiver)
        {
            case MemberAccessExpressionSyntax member when IsOwnedByContext(type):
                return FromReceiver(member.Expression, hops) ?? RequestHttpContext(receiver, type);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Get", Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Features" } features } }
                when symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_Features_IHttpConnectionFeature):
                return FromReceiver(features.Expression, hops);
            case IdentifierNameSyntax identifier when hops < MaxLocalHops &&
                model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local &&
                SingleInitializer(local) is { } initializer:
                var found = FromReceiver(initializer, hops + 1);
                if (found is not null && IsPortable(found.Expression))
                {
                    FollowedLocals.Add(local);
                    return found;
                }

                break;
        }

        return RequestHttpContext(receiver, type);
    }

    /// <summary>The HttpContext reachable from the code around <paramref name="site"/>, by what is in scope.</summary>
    public ContextAccess? InScope(SyntaxNode site)
    {
        var position = site.SpanStart;
        var isStatic = IsInStaticContext(site);
        var candidates = model.LookupSymbols(position)
            .Where(s => s is ILocalSymbol or IParameterSymbol || (!isStatic || s.IsStatic) && s is IPropertySymbol or IFieldSymbol)
            .Select(s => (Symbol: s, Type: TypeOf(s)))
            .Where(c => c.Type is not null)
            .ToArray();

        // Nearest declaration first: a lambda's own parameter beats an outer one.
        IEnumerable<(ISymbol Symbol, ITypeSymbol? Type)> ByNearness(IEnumerable<(ISymbol Symbol, ITypeSymbol? Type)> items) =>
            items.OrderBy(c => c.Symbol is ILocalSymbol or IParameterSymbol ? 0 : 1)
                 .ThenByDescending(c => c.Symbol.Locations.FirstOrDefault(l => l.IsInSource && l.SourceTree == site.SyntaxTree)?.SourceSpan.Start ?? -1);

        var context = ByNearness(candidates.Where(c => symbols.IsOrImplements(c.Type, Microsoft_AspNetCore_Http_HttpContext))).FirstOrDefault();
        if (context.Symbol is not null)
        {
            return new ContextAccess(SyntaxFactory.IdentifierName(context.Symbol.Name), MayBeNull: IsMaybeNull(context.Symbol));
        }

        var request = ByNearness(candidates.Where(c => symbols.IsOrImplements(c.Type, Microsoft_AspNetCore_Http_HttpRequest))).FirstOrDefault();
        if (request.Symbol is not null)
        {
            return new ContextAccess(Member(SyntaxFactory.IdentifierName(request.Symbol.Name), "HttpContext"), MayBeNull: false);
        }

        var accessor = ByNearness(candidates.Where(c => symbols.IsOrImplements(c.Type, Microsoft_AspNetCore_Http_IHttpContextAccessor))).FirstOrDefault();
        if (accessor.Symbol is not null)
        {
            return new ContextAccess(Member(SyntaxFactory.IdentifierName(accessor.Symbol.Name), "HttpContext"), MayBeNull: true);
        }

        var hub = ByNearness(candidates.Where(c => symbols.IsOrImplements(c.Type, Microsoft_AspNetCore_SignalR_HubCallerContext))).FirstOrDefault();
        if (hub.Symbol is not null)
        {
            // HubCallerContext.GetHttpContext() returns null for connections without an HTTP request.
            return new ContextAccess(Call(SyntaxFactory.IdentifierName(hub.Symbol.Name), "GetHttpContext"), MayBeNull: true);
        }

        var grpc = ByNearness(candidates.Where(c => symbols.IsOrImplements(c.Type, Grpc_Core_ServerCallContext))).FirstOrDefault();
        if (grpc.Symbol is not null)
        {
            return new ContextAccess(Call(SyntaxFactory.IdentifierName(grpc.Symbol.Name), "GetHttpContext"), MayBeNull: false);
        }

        return null;
    }

    /// <summary>The initializer of a local that is declared once with a value and never assigned again.</summary>
    public ExpressionSyntax? SingleInitializer(ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.Length != 1 ||
            local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator)
        {
            return null;
        }

        var scope = declarator.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (scope is null)
        {
            return null;
        }

        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText == local.Name && IsWritten(identifier) &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                return null;
            }
        }

        return value;
    }

    private static bool IsWritten(IdentifierNameSyntax identifier) => identifier.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left == identifier,
        ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
        PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
        _ => false,
    };

    private bool IsOwnedByContext(ITypeSymbol? type) =>
        symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_HttpRequest) || symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_ConnectionInfo) ||
        symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_IHeaderDictionary) || symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_Features_IHttpConnectionFeature);

    /// <summary>A request whose owner is not visible (a parameter, a controller's Request) still knows its context.</summary>
    private ContextAccess? RequestHttpContext(ExpressionSyntax receiver, ITypeSymbol? type)
    {
        if (!symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_HttpRequest))
        {
            return null;
        }

        // A controller or page model has HttpContext itself; prefer it to Request.HttpContext.
        if (receiver is IdentifierNameSyntax && model.GetSymbolInfo(receiver, cancellationToken).Symbol is IPropertySymbol &&
            InScope(receiver) is { Expression: IdentifierNameSyntax } own)
        {
            return own;
        }

        return IsPortable(receiver) ? new ContextAccess(Member(receiver.WithoutTrivia(), "HttpContext"), MayBeNull: false) : null;
    }

    private bool IsInStaticContext(SyntaxNode site)
    {
        var member = model.GetEnclosingSymbol(site.SpanStart, cancellationToken);
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } function && !function.IsStatic)
        {
            member = member.ContainingSymbol;
        }

        return member?.IsStatic ?? true;
    }

    private ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol l => l.Type,
        IParameterSymbol p => p.Type,
        IPropertySymbol p when !p.IsIndexer && !p.IsWriteOnly => p.Type,
        IFieldSymbol f => f.Type,
        _ => null,
    };

    private static bool IsMaybeNull(ISymbol symbol) =>
        symbol is IPropertySymbol { NullableAnnotation: NullableAnnotation.Annotated } or
            IFieldSymbol { NullableAnnotation: NullableAnnotation.Annotated } or
            IParameterSymbol { NullableAnnotation: NullableAnnotation.Annotated } or
            ILocalSymbol { NullableAnnotation: NullableAnnotation.Annotated };

    /// <summary>
    /// Whether an expression can be evaluated again elsewhere without changing behaviour: names and member
    /// accesses only (and GetHttpContext(), which just reads a feature).
    /// </summary>
    private static bool IsPortable(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or ThisExpressionSyntax or BaseExpressionSyntax => true,
        MemberAccessExpressionSyntax member => IsPortable(member.Expression),
        InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetHttpContext" } call } => IsPortable(call.Expression),
        ParenthesizedExpressionSyntax parenthesized => IsPortable(parenthesized.Expression),
        _ => false,
    };

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            expression = expression is ParenthesizedExpressionSyntax p ? p.Expression : ((PostfixUnaryExpressionSyntax)expression).Operand;
        }

        return expression;
    }

    private static ExpressionSyntax Member(ExpressionSyntax expression, string name) =>
        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, expression, SyntaxFactory.IdentifierName(name));

    private static ExpressionSyntax Call(ExpressionSyntax expression, string name) =>
        SyntaxFactory.InvocationExpression(Member(expression, name));
}
