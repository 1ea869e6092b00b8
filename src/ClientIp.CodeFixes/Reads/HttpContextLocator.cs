using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>What the resolver is called on: an ASP.NET Core request, or an <c>HttpListenerRequest</c>.</summary>
internal enum RequestKind
{
    HttpContext,
    HttpListener,
}

/// <summary>An expression that yields the request (HttpContext or HttpListenerRequest) at the place being fixed.</summary>
internal sealed class ResolverTarget
{
    public ResolverTarget(ExpressionSyntax expression, bool mayBeNull, RequestKind kind = RequestKind.HttpContext)
    {
        Expression = expression;
        MayBeNull = mayBeNull;
        Kind = kind;
    }

    /// <summary>The expression as it is to be written (suppressions such as <c>GetHttpContext()!</c> kept).</summary>
    public ExpressionSyntax Expression { get; }

    /// <summary>Whether the resolver must be called with <c>?.</c> (e.g. <c>_accessor.HttpContext</c>).</summary>
    public bool MayBeNull { get; }

    public RequestKind Kind { get; }
}

/// <summary>
/// The one place that finds the request a read belongs to: first through the receiver chain of the read itself
/// (<c>ctx.Request.Headers</c>, <c>ctx.Connection</c>, <c>ctx.Features.Get&lt;IHttpConnectionFeature&gt;()</c>,
/// <c>Context.GetHttpContext()!.Connection</c>, a local initialised that way, <c>listenerContext.Request.Headers</c>),
/// then among what is in scope (a parameter or local, a controller's or page model's <c>HttpContext</c>,
/// <c>Request.HttpContext</c>, <c>_accessor.HttpContext</c>, a hub's <c>Context.GetHttpContext()</c>, a gRPC
/// <c>ServerCallContext.GetHttpContext()</c>, an <c>HttpListenerContext.Request</c>).
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

    /// <summary>
    /// The request a read is rewritten against when it has none in reach and the fix provides one (a parameter it
    /// adds or changes, see <see cref="ParameterPromotion"/> and <see cref="FromHeaderRewrite"/>).
    /// </summary>
    public ResolverTarget? Provided { get; set; }

    /// <summary>Locals whose initializer was followed to find the request; the fix may make them unused.</summary>
    public HashSet<ILocalSymbol> FollowedLocals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The request owning <paramref name="receiver"/>, else the one reachable at <paramref name="site"/>.</summary>
    public ResolverTarget? Locate(ExpressionSyntax? receiver, SyntaxNode site, RequestKind kind) =>
        (receiver is null ? null : FromReceiver(receiver, site, kind, hops: 0)) ?? InScope(site, kind);

    /// <summary>Follows the receiver chain of a read back to an expression of the request type.</summary>
    public ResolverTarget? FromReceiver(ExpressionSyntax receiver, SyntaxNode site, RequestKind kind, int hops = 0)
    {
        var written = receiver;
        receiver = Unwrap(receiver);
        var type = model.GetTypeInfo(receiver, cancellationToken).Type;

        if (IsRequest(type, kind))
        {
            return new ResolverTarget(written, MayBeNull(written), kind);
        }

        switch (receiver)
        {
            // ctx.Request / ctx.Connection / ctx.Request.Headers / listenerContext.Request.Headers
            case MemberAccessExpressionSyntax member when IsOwnedByRequest(type, kind):
                return FromReceiver(member.Expression, site, kind, hops) ?? RequestHttpContext(receiver, type, site, kind);

            // ctx.Features.Get<IHttpConnectionFeature>(), ctx.Features.Get<IServerVariablesFeature>(): the features' owner.
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "Get" }, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Features" } features } }
                when kind == RequestKind.HttpContext:
                return FromReceiver(features.Expression, site, kind, hops);

            case IdentifierNameSyntax identifier when hops < MaxLocalHops &&
                model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local &&
                SingleInitializer(local) is { } initializer:
                var found = FromReceiver(initializer, site, kind, hops + 1);
                if (found is not null && IsPortable(found.Expression) && MeansTheSameAt(found.Expression, site))
                {
                    FollowedLocals.Add(local);
                    return found;
                }

                break;
        }

        return RequestHttpContext(receiver, type, site, kind);
    }

    /// <summary>The request reachable from the code around <paramref name="site"/>, by what is in scope.</summary>
    public ResolverTarget? InScope(SyntaxNode site, RequestKind kind)
    {
        if (Provided is { } provided)
        {
            return provided;
        }

        var position = site.SpanStart;
        var candidates = VariablesInScope(site)
            .Select(s => (Symbol: s, Type: TypeOf(s)))
            .Where(c => c.Type is not null)
            .ToArray();

        // Nearest declaration first: a lambda's own parameter beats an outer one.
        ISymbol? Nearest(WellKnownType type) =>
            candidates.Where(c => symbols.IsOrImplements(c.Type, type))
                .OrderBy(c => c.Symbol is ILocalSymbol or IParameterSymbol ? 0 : 1)
                .ThenByDescending(c => c.Symbol.Locations.FirstOrDefault(l => l.IsInSource && l.SourceTree == site.SyntaxTree)?.SourceSpan.Start ?? -1)
                .Select(c => c.Symbol)
                .FirstOrDefault(symbol => Binds(symbol, position));

        if (kind == RequestKind.HttpListener)
        {
            if (Nearest(System_Net_HttpListenerRequest) is { } request)
            {
                return new ResolverTarget(Name(request), IsMaybeNull(request), kind);
            }

            return Nearest(System_Net_HttpListenerContext) is { } listenerContext
                ? new ResolverTarget(Member(Name(listenerContext), "Request"), IsMaybeNull(listenerContext), kind)
                : null;
        }

        if (Nearest(Microsoft_AspNetCore_Http_HttpContext) is { } context)
        {
            return new ResolverTarget(Name(context), IsMaybeNull(context));
        }

        if (Nearest(Microsoft_AspNetCore_Http_HttpRequest) is { } httpRequest)
        {
            return new ResolverTarget(Member(Name(httpRequest), "HttpContext"), IsMaybeNull(httpRequest));
        }

        if (Nearest(Microsoft_AspNetCore_Http_IHttpContextAccessor) is { } accessor)
        {
            return new ResolverTarget(Member(Name(accessor), "HttpContext"), mayBeNull: true);
        }

        if (Nearest(Microsoft_AspNetCore_SignalR_HubCallerContext) is { } hub)
        {
            // HubCallerContext.GetHttpContext() returns null for connections without an HTTP request.
            return new ResolverTarget(Call(Name(hub), "GetHttpContext"), mayBeNull: true);
        }

        // gRPC on ASP.NET Core: ServerCallContext.GetHttpContext() (Grpc.AspNetCore.Server), when it is referenced.
        return Nearest(Grpc_Core_ServerCallContext) is { } grpc &&
               model.LookupSymbols(position, symbols.Get(Grpc_Core_ServerCallContext), "GetHttpContext", includeReducedExtensionMethods: true).Any()
            ? new ResolverTarget(Call(Name(grpc), "GetHttpContext"), mayBeNull: false)
            : null;
    }

    /// <summary>
    /// The parameters, earlier locals and fields or properties (of the enclosing types and their bases) that a name at
    /// <paramref name="site"/> may reach (<see cref="Binds"/> tells). Found from the enclosing declarations, not with an
    /// unnamed scope look-up, which would list every type of every imported namespace.
    /// </summary>
    private IEnumerable<ISymbol> VariablesInScope(SyntaxNode site)
    {
        var found = new List<ISymbol>();
        foreach (var ancestor in site.Ancestors())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or TypeDeclarationSyntax or AccessorDeclarationSyntax:
                    var parameters = ancestor switch
                    {
                        ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                        SimpleLambdaExpressionSyntax lambda => SyntaxFactory.SingletonSeparatedList(lambda.Parameter),
                        AnonymousMethodExpressionSyntax { ParameterList: { } list } => list.Parameters,
                        LocalFunctionStatementSyntax function => function.ParameterList.Parameters,
                        BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                        TypeDeclarationSyntax { ParameterList: { } primary } => primary.Parameters,
                        _ => default,
                    };
                    found.AddRange(parameters.Select(p => model.GetDeclaredSymbol(p, cancellationToken)).OfType<ISymbol>());
                    break;
                case BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax:
                    var statements = ancestor switch
                    {
                        BlockSyntax block => block.Statements.AsEnumerable(),
                        SwitchSectionSyntax section => section.Statements,
                        _ => ((CompilationUnitSyntax)ancestor).Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement),
                    };
                    found.AddRange(statements.TakeWhile(statement => statement.SpanStart < site.SpanStart)
                        .OfType<LocalDeclarationStatementSyntax>()
                        .SelectMany(declaration => declaration.Declaration.Variables)
                        .Select(variable => model.GetDeclaredSymbol(variable, cancellationToken))
                        .OfType<ISymbol>());
                    break;
            }
        }

        // Fields and properties of the enclosing types and their bases (a controller's HttpContext, an accessor field).
        var isStatic = IsInStaticContext(site);
        var within = model.GetEnclosingSymbol(site.SpanStart, cancellationToken)?.ContainingType;
        for (var type = within; type is not null; type = type.ContainingType)
        {
            for (var current = (ITypeSymbol?)type; current is not null; current = current.BaseType)
            {
                found.AddRange(current.GetMembers().Where(m =>
                    m is IFieldSymbol { IsImplicitlyDeclared: false } or IPropertySymbol { IsIndexer: false } &&
                    (!isStatic || m.IsStatic) && model.Compilation.IsSymbolAccessibleWithin(m, within!)));
            }
        }

        return found;
    }

    /// <summary>Whether the symbol's name, written at <paramref name="position"/>, means it (a lambda parameter may hide a field of that name).</summary>
    private bool Binds(ISymbol symbol, int position) =>
        model.LookupSymbols(position, name: symbol.Name).Any(s => SymbolEqualityComparer.Default.Equals(s, symbol));

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

    private bool IsRequest(ITypeSymbol? type, RequestKind kind) =>
        kind == RequestKind.HttpListener
            ? symbols.InheritsFrom(type, System_Net_HttpListenerRequest)
            : symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_HttpContext);

    private bool IsOwnedByRequest(ITypeSymbol? type, RequestKind kind) =>
        kind == RequestKind.HttpListener
            ? symbols.InheritsFrom(type, System_Collections_Specialized_NameValueCollection) || symbols.InheritsFrom(type, System_Net_IPEndPoint) ||
              symbols.InheritsFrom(type, System_Net_HttpListenerContext)
            : symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_HttpRequest) || symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_ConnectionInfo) ||
              symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_IHeaderDictionary) || symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_Features_IHttpConnectionFeature);

    /// <summary>A request whose owner is not visible (a parameter, a controller's Request) still knows its context.</summary>
    private ResolverTarget? RequestHttpContext(ExpressionSyntax receiver, ITypeSymbol? type, SyntaxNode site, RequestKind kind)
    {
        if (kind == RequestKind.HttpListener)
        {
            // listenerContext.Request is the request itself; a bare HttpListenerContext local or parameter owns one.
            return symbols.InheritsFrom(type, System_Net_HttpListenerContext) && IsPortable(receiver)
                ? new ResolverTarget(Member(receiver.WithoutTrivia(), "Request"), MayBeNull(receiver), kind)
                : null;
        }

        if (!symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_HttpRequest))
        {
            return null;
        }

        // A controller or page model has HttpContext itself; prefer it to Request.HttpContext.
        if (receiver is IdentifierNameSyntax && model.GetSymbolInfo(receiver, cancellationToken).Symbol is IPropertySymbol &&
            InScope(site, kind) is { Expression: IdentifierNameSyntax } own)
        {
            return own;
        }

        return IsPortable(receiver) ? new ResolverTarget(Member(receiver.WithoutTrivia(), "HttpContext"), MayBeNull(receiver)) : null;
    }

    /// <summary>
    /// Whether the expression's value may be null here, as the compiler's flow analysis sees it (so
    /// <c>GetHttpContext()!</c> and a context checked for null above are not).
    /// </summary>
    private bool MayBeNull(ExpressionSyntax expression) =>
        model.GetTypeInfo(expression, cancellationToken).Nullability.FlowState == NullableFlowState.MaybeNull;

    /// <summary>A name taken from a local's initializer still binds to the same symbols where the read is.</summary>
    private bool MeansTheSameAt(ExpressionSyntax expression, SyntaxNode site)
    {
        foreach (var identifier in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Parent is MemberAccessExpressionSyntax member && member.Name == identifier)
            {
                continue; // a member name, bound through its receiver
            }

            var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
            var visible = model.LookupSymbols(site.SpanStart, name: identifier.Identifier.ValueText);
            if (symbol is null || !visible.Any(s => SymbolEqualityComparer.Default.Equals(s, symbol)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWritten(IdentifierNameSyntax identifier) => identifier.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left == identifier,
        ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
        PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
        _ => false,
    };

    private bool IsInStaticContext(SyntaxNode site)
    {
        var member = model.GetEnclosingSymbol(site.SpanStart, cancellationToken);
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } function && !function.IsStatic)
        {
            member = member.ContainingSymbol;
        }

        return member?.IsStatic ?? true;
    }

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
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
    /// accesses only (and GetHttpContext(), which just reads a feature), with their suppressions and parentheses.
    /// </summary>
    public static bool IsPortable(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or ThisExpressionSyntax or BaseExpressionSyntax => true,
        MemberAccessExpressionSyntax member => IsPortable(member.Expression),
        InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetHttpContext" } call } => IsPortable(call.Expression),
        ParenthesizedExpressionSyntax parenthesized => IsPortable(parenthesized.Expression),
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed => IsPortable(suppressed.Operand),
        _ => false,
    };

    /// <summary>The expression without its parentheses and null-forgiving operators, for asking about its type.</summary>
    public static ExpressionSyntax Unwrap(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            expression = expression is ParenthesizedExpressionSyntax p ? p.Expression : ((PostfixUnaryExpressionSyntax)expression).Operand;
        }

        return expression;
    }

    private static ExpressionSyntax Name(ISymbol symbol) => SyntaxFactory.IdentifierName(symbol.Name);

    private static ExpressionSyntax Member(ExpressionSyntax expression, string name) =>
        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, expression, SyntaxFactory.IdentifierName(name));

    private static ExpressionSyntax Call(ExpressionSyntax expression, string name) =>
        SyntaxFactory.InvocationExpression(Member(expression, name));
}
