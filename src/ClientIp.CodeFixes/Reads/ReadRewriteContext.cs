using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Reads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// What every rewrite strategy shares for one document: the semantic model, the symbol registry, the one
/// <see cref="HttpContextLocator"/>, the call factory, and the questions they all ask (is this a header read, a peer
/// read, a resolver call; which request owns this read; which headers feed this code).
/// </summary>
internal sealed class ReadRewriteContext
{
    private const int MaxLocalHops = 4;

    public ReadRewriteContext(SemanticModel model, WellKnownSymbols symbols, SyntaxGenerator generator, CancellationToken cancellationToken)
    {
        Model = model;
        Symbols = symbols;
        Generator = generator;
        CancellationToken = cancellationToken;
        Locator = new HttpContextLocator(model, symbols, cancellationToken);
        Calls = new ResolverCallFactory(generator);
    }

    public SemanticModel Model { get; }

    public WellKnownSymbols Symbols { get; }

    public SyntaxGenerator Generator { get; }

    public CancellationToken CancellationToken { get; }

    public HttpContextLocator Locator { get; }

    public ResolverCallFactory Calls { get; }

    public ISymbol? SymbolOf(SyntaxNode node) => Model.GetSymbolInfo(node, CancellationToken).Symbol;

    /// <summary><c>type name = value;</c>: the declaration a fix writes in place of a statement that filled an out variable.</summary>
    public static LocalDeclarationStatementSyntax DeclareLocal(TypeSyntax type, SyntaxToken name, ExpressionSyntax value) =>
        SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            type,
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name.WithoutTrivia())
                .WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia())))));

    /// <summary>The names in <paramref name="scope"/> that refer to <paramref name="symbol"/> (a local or a parameter).</summary>
    public IEnumerable<IdentifierNameSyntax> ReferencesTo(ISymbol symbol, SyntaxNode scope) =>
        scope.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(id => id.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(SymbolOf(id), symbol));

    public ITypeSymbol? TypeOf(SyntaxNode node) => Model.GetTypeInfo(node, CancellationToken).Type;

    /// <summary>Whether nullable warnings are reported at <paramref name="node"/>.</summary>
    public bool NullableWarnings(SyntaxNode node) =>
        (Model.GetNullableContext(node.SpanStart) & NullableContext.WarningsEnabled) != 0;

    /// <summary>
    /// The read of the peer address at <paramref name="node"/>, as the analyzers recognise it (CIP0001):
    /// <c>RemoteIpAddress</c>, gRPC's <c>ServerCallContext.Peer</c>, the <c>REMOTE_ADDR</c> server variable,
    /// <c>HttpListenerRequest.RemoteEndPoint</c>, classic ASP.NET's <c>UserHostAddress</c>.
    /// </summary>
    public PeerRead? PeerReadAt(SyntaxNode node) =>
        node is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ElementBindingExpressionSyntax &&
        Model.GetOperation(node, CancellationToken) is { } operation
            ? PeerAddress.Match(operation, Symbols, CancellationToken)
            : null;

    /// <summary>Whether <paramref name="node"/> reads the peer address (see <see cref="PeerReadAt"/>).</summary>
    public bool IsRemoteAddressRead(SyntaxNode node) => PeerReadAt(node) is not null;

    /// <summary>Whether <paramref name="node"/> already calls the resolver.</summary>
    public bool IsResolverCall(SyntaxNode node) =>
        node is InvocationExpressionSyntax && SymbolOf(node) is IMethodSymbol method &&
        (SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).ContainingType, Symbols.ResolverExtensions) ||
         SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).ContainingType, Symbols.ListenerResolverExtensions));

    /// <summary>The client-IP header read at <paramref name="node"/> (an indexer or a call), as the analyzers match it.</summary>
    public HeaderRead? HeaderReadAt(SyntaxNode node) =>
        node is ElementAccessExpressionSyntax or InvocationExpressionSyntax &&
        Model.GetOperation(node, CancellationToken) is { } operation
            ? HeaderReadMatcher.Match(operation, Symbols, CancellationToken)
            : null;

    /// <summary>
    /// The request a header read belongs to: ASP.NET Core's, or an <c>HttpListenerRequest</c>'s; null for the stacks
    /// the resolver does not serve (classic ASP.NET, an <c>HttpRequestMessage</c>).
    /// </summary>
    public RequestKind? KindOf(HeaderRead read)
    {
        if (read.IsAspNetCore)
        {
            return RequestKind.HttpContext;
        }

        var collection = OperationWalk.SkipConversions(read.Operation switch
        {
            Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation indexer => indexer.Instance,
            Microsoft.CodeAnalysis.Operations.IInvocationOperation call => OperationWalk.Receiver(call),
            _ => null,
        });

        // gRPC on ASP.NET Core: the call's metadata are the request's headers; ServerCallContext.GetHttpContext() has them.
        if (Symbols.Is(collection?.Type, Grpc_Core_Metadata))
        {
            return RequestKind.HttpContext;
        }

        return collection is Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation { Property: var property } &&
               Symbols.Is(property, WellKnownMember.HttpListenerRequest_Headers)
            ? RequestKind.HttpListener
            : null;
    }

    /// <summary>Whether <paramref name="symbol"/> is a request's header collection (ASP.NET Core or HttpListener).</summary>
    public bool IsHeaderSource(ISymbol symbol) =>
        symbol is IPropertySymbol { Name: "Headers" } property &&
        (Symbols.IsOrImplements(property.Type, Microsoft_AspNetCore_Http_IHeaderDictionary) || Symbols.Is(property, WellKnownMember.HttpListenerRequest_Headers));

    /// <summary>Whether the code reads a client-IP header: directly, through a header collection, a local fed by one, or a [FromHeader] parameter.</summary>
    public bool ReadsHeader(SyntaxNode node) =>
        node.DescendantNodesAndSelf().OfType<ExpressionSyntax>().Any(e =>
            e is MemberAccessExpressionSyntax or IdentifierNameSyntax &&
            SymbolOf(e) is { } symbol &&
            (IsHeaderSource(symbol) || (symbol is ILocalSymbol local && IsHeaderLocal(local)) ||
             (symbol is IParameterSymbol parameter && FromHeader.HeaderOf(parameter, Symbols) is not null)));

    /// <summary>
    /// The client-IP headers whose values reach <paramref name="nodes"/>, in source order of their use there: read
    /// directly, through locals (followed to their initializer or to the call that fills an out variable), or bound
    /// with <c>[FromHeader]</c>. Each header once.
    /// </summary>
    public IReadOnlyList<string> HeadersFeeding(IEnumerable<SyntaxNode> nodes)
    {
        var found = new List<string>();
        var seenLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var node in nodes.OrderBy(n => n.SpanStart))
        {
            Collect(node, found, seenLocals, hops: 0);
        }

        return found;
    }

    private void Collect(SyntaxNode node, List<string> found, HashSet<ILocalSymbol> seenLocals, int hops)
    {
        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            switch (descendant)
            {
                case ElementAccessExpressionSyntax or InvocationExpressionSyntax when HeaderReadAt(descendant) is { } read:
                    Add(found, read.HeaderName);
                    break;
                case IdentifierNameSyntax identifier when SymbolOf(identifier) is { } symbol:
                    if (symbol is IParameterSymbol parameter && FromHeader.HeaderOf(parameter, Symbols) is { } bound)
                    {
                        Add(found, bound);
                    }
                    else if (symbol is ILocalSymbol local && hops < MaxLocalHops && seenLocals.Add(local) &&
                             (Locator.SingleInitializer(local) ?? OutArgumentSource(local)) is { } source)
                    {
                        Collect(source, found, seenLocals, hops + 1);
                    }

                    break;
            }
        }
    }

    /// <summary>The first header read in <paramref name="node"/>, directly or through the locals it uses.</summary>
    public HeaderRead? FindHeaderRead(SyntaxNode node, int hops = 0)
    {
        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            if (descendant is ElementAccessExpressionSyntax or InvocationExpressionSyntax && HeaderReadAt(descendant) is { } read)
            {
                return read;
            }

            if (descendant is IdentifierNameSyntax identifier && hops < MaxLocalHops && SymbolOf(identifier) is ILocalSymbol local &&
                (Locator.SingleInitializer(local) ?? OutArgumentSource(local)) is { } source && FindHeaderRead(source, hops + 1) is { } followed)
            {
                return followed;
            }
        }

        return null;
    }

    private static void Add(List<string> found, string header)
    {
        if (!found.Contains(header))
        {
            found.Add(header);
        }
    }

    /// <summary>For <c>TryGetValue("X-Real-IP", out var v)</c>: the invocation that fills v.</summary>
    public ExpressionSyntax? OutArgumentSource(ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(CancellationToken) is { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax } } designation
            ? designation.FirstAncestorOrSelf<InvocationExpressionSyntax>()
            : null;

    /// <summary>The request owning the header read at <paramref name="start"/>, else one in scope.</summary>
    public ResolverTarget? TargetFor(ExpressionSyntax start, RequestKind kind)
    {
        foreach (var receiver in HeaderReceivers(start, hops: 0))
        {
            if (Locator.FromReceiver(receiver, start, kind) is { } found)
            {
                return found;
            }
        }

        return Locator.InScope(start, kind);
    }

    /// <summary>
    /// The expressions a header value comes from: the collection of an indexer or TryGetValue, the request of
    /// GetCommaSeparatedValues, following locals (<c>var xff = ...; xff.Split(',')[0]</c>) back to their source.
    /// </summary>
    private IEnumerable<ExpressionSyntax> HeaderReceivers(ExpressionSyntax expression, int hops)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Headers" } headers:
                    yield return headers;
                    break;
                case ElementAccessExpressionSyntax element when Symbols.IsAnyHeaders(TypeOf(element.Expression)):
                    yield return element.Expression;
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } when IsHeaderOwner(TypeOf(member.Expression)):
                    yield return member.Expression;
                    break;
                case IdentifierNameSyntax identifier when hops < MaxLocalHops && SymbolOf(identifier) is ILocalSymbol local:
                    if ((Locator.SingleInitializer(local) ?? OutArgumentSource(local)) is { } source)
                    {
                        foreach (var receiver in HeaderReceivers(source, hops + 1))
                        {
                            yield return receiver;
                        }
                    }

                    break;
            }
        }
    }

    private bool IsHeaderOwner(ITypeSymbol? type) =>
        Symbols.IsAnyHeaders(type) || Symbols.IsOrImplements(type, Microsoft_AspNetCore_Http_HttpRequest) ||
        Symbols.Is(type, Microsoft_AspNetCore_Http_Headers_RequestHeaders);

    private bool IsHeaderLocal(ILocalSymbol local) =>
        Symbols.IsAnyHeaders(local.Type) || Symbols.IsOrImplements(local.Type, Microsoft_Extensions_Primitives_StringValues) ||
        (Locator.SingleInitializer(local) is { } initializer &&
         initializer.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Any(e => SymbolOf(e) is { } symbol && IsHeaderSource(symbol)));

    /// <summary>Records the locals <paramref name="target"/> uses (and those followed to find the request), which the fix may leave unused.</summary>
    public void AddReferencedLocals(SyntaxNode target, RewritePlan plan)
    {
        foreach (var identifier in target.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (SymbolOf(identifier) is ILocalSymbol local)
            {
                plan.CandidateLocals.Add(local);
            }
        }

        plan.CandidateLocals.UnionWith(Locator.FollowedLocals);
    }

    /// <summary>
    /// Keeps the null state the replaced value had: where it was known not to be null (<c>StringValues.ToString()</c>,
    /// <c>IPAddress.Parse(...)</c>) the resolver's "unknown" becomes <c>string.Empty</c> or <c>IPAddress.None</c>, so no
    /// nullable warning appears downstream. Where it could be null already, the call stays as it is.
    /// </summary>
    public ExpressionSyntax KeepNullState(ExpressionSyntax original, ExpressionSyntax replacement, bool isText)
    {
        if (!NullableWarnings(original))
        {
            return replacement;
        }

        var info = Model.GetTypeInfo(original, CancellationToken);
        if (info.ConvertedType is not { IsReferenceType: true } || info.ConvertedNullability.FlowState != NullableFlowState.NotNull ||
            ToleratesNull(original, depth: 0))
        {
            return replacement;
        }

        var coalesce = ResolverCallFactory.Coalesce(replacement, isText ? Calls.EmptyString() : NoAddress());
        return TakesAnyExpression(original) ? coalesce : SyntaxFactory.ParenthesizedExpression(coalesce);
    }

    /// <summary>
    /// Whether the place of <paramref name="original"/> takes any expression as it is, <c>a ?? b</c> included (an
    /// argument, an initializer, a return, an assignment's value, a lambda body, an interpolation hole, a branch of
    /// <c>?:</c>, an anonymous object's member, a switch arm's value); elsewhere (<c>"as " + a ?? b</c>, <c>(a ?? b).Trim()</c>) it needs parentheses.
    /// </summary>
    private static bool TakesAnyExpression(ExpressionSyntax original) => original.Parent switch
    {
        ArgumentSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax or ParenthesizedExpressionSyntax or
            InterpolationSyntax or ExpressionStatementSyntax or InitializerExpressionSyntax or YieldStatementSyntax => true,
        AnonymousFunctionExpressionSyntax lambda => lambda.ExpressionBody == original,
        AnonymousObjectMemberDeclaratorSyntax => true,
        SwitchExpressionArmSyntax arm => arm.Expression == original,
        AssignmentExpressionSyntax assignment => assignment.Right == original,
        ConditionalExpressionSyntax conditional => conditional.Condition != original,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => coalesce.Right == original, // ?? groups to the right
        _ => false,
    };

    /// <summary>
    /// Whether the place the value goes accepts null without a warning or a change of meaning: string concatenation,
    /// an interpolation hole, <c>??</c>, <c>?.</c>, an equality test, a nullable parameter, local, field, property
    /// or return, or a <c>var</c> local whose every use does.
    /// </summary>
    private bool ToleratesNull(ExpressionSyntax value, int depth)
    {
        var node = (SyntaxNode)value;
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        switch (node.Parent)
        {
            case InterpolationSyntax:
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression }:
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Left == node:
            case ConditionalAccessExpressionSyntax access when access.Expression == node:
                return true;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add:
                return TypeOf(add)?.SpecialType == SpecialType.System_String;
            case ArgumentSyntax argument:
                return Model.GetOperation(argument, CancellationToken) is Microsoft.CodeAnalysis.Operations.IArgumentOperation { Parameter: { } parameter } &&
                    parameter.NullableAnnotation == NullableAnnotation.Annotated;
            case AssignmentExpressionSyntax assignment when assignment.Right == node:
                return SymbolOf(assignment.Left) is IPropertySymbol { NullableAnnotation: NullableAnnotation.Annotated } or
                    IFieldSymbol { NullableAnnotation: NullableAnnotation.Annotated } or ILocalSymbol { NullableAnnotation: NullableAnnotation.Annotated };
            case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == node:
                // A lambda given as a Delegate (MapGet's handler) returns whatever its body gives, null included.
                return Model.GetTypeInfo(lambda, CancellationToken).ConvertedType?.SpecialType is SpecialType.System_Delegate or SpecialType.System_MulticastDelegate;
            case ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                return Model.GetEnclosingSymbol(node.SpanStart, CancellationToken) is IMethodSymbol { ReturnNullableAnnotation: NullableAnnotation.Annotated };
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } when Model.GetDeclaredSymbol(declarator, CancellationToken) is ILocalSymbol local:
                if (declarator.Parent is VariableDeclarationSyntax { Type.IsVar: false })
                {
                    return local.NullableAnnotation == NullableAnnotation.Annotated;
                }

                // var x = ...: fine when every read of x is.
                return depth == 0 && declarator.FirstAncestorOrSelf<BlockSyntax>() is { } block &&
                    ReferencesTo(local, block).All(use => ToleratesNull(use, depth + 1));
            default:
                return false;
        }
    }

    /// <summary><c>IPAddress.None</c>: the address standing for "unknown" where a non-null address is required.</summary>
    public ExpressionSyntax NoAddress() =>
        (ExpressionSyntax)Generator.MemberAccessExpression(Generator.TypeExpression(Symbols.Get(System_Net_IPAddress)!), "None");

    /// <summary>
    /// Whether <paramref name="text"/> appears in another file of the compilation: a fix that changes a method's
    /// parameters is only offered when no caller can be elsewhere (a mention, even in a comment, is enough to say no).
    /// </summary>
    public bool AppearsInOtherFiles(string text, SyntaxTree tree)
    {
        var search = new SourceTextSearch(text);
        return Model.Compilation.SyntaxTrees.Any(other => other != tree && search.Find(other.GetText(CancellationToken), CancellationToken) != 0);
    }

    public static bool IsFunctionBoundary(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or
            MemberDeclarationSyntax;
}
