using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>One read of a client-IP request header.</summary>
internal sealed class HeaderRead
{
    /// <param name="operation">The read expression: an indexer access or an invocation (the CIP0002 location).</param>
    /// <param name="headerName">The header, in canonical casing.</param>
    /// <param name="value">Where the value continues: the read itself, or the out variable of <c>TryGetValue</c> (null when discarded).</param>
    /// <param name="isText">True when the value is already one string (NameValueCollection, server variables).</param>
    /// <param name="isAspNetCore">True when the read is ASP.NET Core's, so the resolver can replace it.</param>
    public HeaderRead(IOperation operation, string headerName, IOperation? value, bool isText, bool isAspNetCore)
    {
        Operation = operation;
        HeaderName = headerName;
        ListHeaderName = ClientIpHeaders.IsList(headerName) ? headerName : null;
        Value = value;
        IsText = isText;
        IsAspNetCore = isAspNetCore;
    }

    public IOperation Operation { get; }
    public string HeaderName { get; }

    /// <summary>A list header (X-Forwarded-For, ...) the read may take, when a name comes from a collection of names.</summary>
    public string? ListHeaderName { get; private set; }

    public IOperation? Value { get; }
    public bool IsText { get; }
    public bool IsAspNetCore { get; }

    /// <summary>The read is a call to a helper of this compilation that itself selects the leftmost entry (CIP0003 at the call).</summary>
    public bool HelperSelectsLeftmost { get; private set; }

    /// <summary>The value is the header's entry (a KeyValuePair from LINQ over the headers, a gRPC Metadata.Entry) or a sequence of them.</summary>
    public bool IsEntry { get; private set; }

    public HeaderRead AsEntry(bool isEntry)
    {
        IsEntry = isEntry;
        return this;
    }

    public HeaderRead WithListHeader(string? listHeader)
    {
        ListHeaderName = listHeader ?? ListHeaderName;
        return this;
    }

    public HeaderRead WithHelperSelectingLeftmost(bool selects)
    {
        HelperSelectsLeftmost = selects;
        return this;
    }
}

/// <summary>
/// Recognises header reads by their symbol first (indexer, TryGetValue, GetCommaSeparatedValues, ...), and only
/// then resolves the header name. Writes, removals, presence-only members (ContainsKey) and response headers are
/// not reads.
/// </summary>
/// <remarks>
/// Besides the header collections' own members: LINQ over the headers picking entries by key
/// (<c>headers.FirstOrDefault(h => h.Key == "X-Real-IP")</c>), a dictionary copied from the headers in the same body
/// and then looked up (<c>copy["X-Forwarded-For"]</c>), gRPC metadata (<c>RequestHeaders.GetValue(...)</c>,
/// <c>Get</c>, <c>GetAll</c>, or LINQ by <c>Key</c>), server variables (<c>GetServerVariable("HTTP_X_FORWARDED_FOR")</c>,
/// <c>IServerVariablesFeature</c>), typed header parsing (<c>TryGetHeaderValue(key, out ...)</c> with
/// <c>CommonHeaders.XForwardedFor</c>) and, at the call site, a helper of this compilation that reads a header by a
/// <c>string</c> parameter (<see cref="HeaderHelpers"/>).
/// </remarks>
internal static class HeaderReadMatcher
{
    /// <summary>
    /// The names of the methods whose calls can be header reads (besides calls of this compilation's helpers, see
    /// <see cref="HeaderHelpers"/>): the header collections' own, LINQ picking an entry, gRPC metadata, server variables
    /// and HeaderParsing.
    /// </summary>
    public static readonly string[] InvocationNames =
    {
        "TryGetValue", "GetCommaSeparatedValues", "GetValueOrDefault", "Get", "GetList", "GetValues", "TryGetValues",
        "GetValuesOrDefault", "GetValue", "GetAll", PeerAddress.ServerVariableMethodName, "First", "FirstOrDefault", "Single",
        "SingleOrDefault", "Last", "LastOrDefault", "Where", HeaderParsingMethodName,
    };

    /// <summary>HeaderParsing's typed read, which can be a finding by its parsed type alone (no header name in the file).</summary>
    public const string HeaderParsingMethodName = "TryGetHeaderValue";
    private static readonly NameTable InvocationNameSet = new((InvocationNames, 1));

    public static HeaderRead? Match(IOperation operation, WellKnownSymbols symbols, CancellationToken ct) => operation switch
    {
        IPropertyReferenceOperation property => MatchIndexer(property, symbols, ct),
        IInvocationOperation invocation => MatchInvocation(invocation, symbols, ct) ?? HeaderHelpers.MatchCall(invocation, symbols, ct),
        _ => null,
    };

    /// <summary>
    /// The shape of a read whose header is named by a parameter (<c>headers[name]</c> in a helper), or null: the
    /// read's value and the parameter. Used to recognise helpers, see <see cref="HeaderHelpers"/>.
    /// </summary>
    public static (HeaderRead Read, IParameterSymbol Parameter)? MatchByParameter(IOperation operation, WellKnownSymbols symbols, CancellationToken ct)
    {
        var read = operation switch
        {
            IPropertyReferenceOperation property => MatchIndexer(property, symbols, ct, byParameter: true),
            IInvocationOperation invocation => MatchInvocation(invocation, symbols, ct, byParameter: true),
            _ => null,
        };
        return read is { } found && found.Key is IParameterReferenceOperation { Parameter: var parameter }
            ? (found.Read, parameter)
            : null;
    }

    /// <summary>Writes and removals of a client-IP header (what a proxy-trust check may decide besides reading).</summary>
    public static bool IsWriteOrRemoval(IOperation operation, WellKnownSymbols symbols, CancellationToken ct)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when OperationWalk.IsWriteTarget(indexer):
                return symbols.IsAnyHeaders(indexer.Property.ContainingType) &&
                    HeaderNameResolver.FindClientIpHeader(indexer.Arguments[0].Value, symbols, ct) is not null;
            case IInvocationOperation { TargetMethod.Name: "Remove" or "Append" or "Add" or "TryAdd" or "TryAddWithoutValidation" or "Set" or "SetCommaSeparatedValues" or "AppendCommaSeparatedValues" } invocation:
                var receiver = OperationWalk.SkipConversions(OperationWalk.Receiver(invocation));
                return symbols.IsAnyHeaders(receiver?.Type) && KeyArgument(invocation) is { } key &&
                    HeaderNameResolver.FindClientIpHeader(key, symbols, ct) is not null;
            default:
                return false;
        }
    }

    private static (HeaderRead Read, IOperation Key) Found(IOperation read, IOperation key, IOperation? value, bool isText, bool aspNetCore) =>
        (new HeaderRead(read, string.Empty, value, isText, aspNetCore), key);

    private static HeaderRead? MatchIndexer(IPropertyReferenceOperation reference, WellKnownSymbols symbols, CancellationToken ct) =>
        Named(MatchIndexer(reference, symbols, ct, byParameter: false), symbols, ct);

    private static HeaderRead? MatchInvocation(IInvocationOperation invocation, WellKnownSymbols symbols, CancellationToken ct)
    {
        if (invocation.TargetMethod.Name == HeaderParsingMethodName)
        {
            return HeaderParsing(invocation, symbols, ct);
        }

        return Named(MatchInvocation(invocation, symbols, ct, byParameter: false), symbols, ct);
    }

    /// <summary>Resolves the header a read found by shape names (a literal, a constant, a collection of names ...).</summary>
    private static HeaderRead? Named((HeaderRead Read, IOperation Key)? found, WellKnownSymbols symbols, CancellationToken ct)
    {
        if (found is not { } shape || HeaderNameResolver.FindClientIpHeader(shape.Key, symbols, ct) is not { } header)
        {
            return null;
        }

        var read = shape.Read;
        return new HeaderRead(read.Operation, header.Header, read.Value, read.IsText, read.IsAspNetCore).WithListHeader(header.ListHeader).AsEntry(read.IsEntry);
    }

    private static (HeaderRead Read, IOperation Key)? MatchIndexer(IPropertyReferenceOperation reference, WellKnownSymbols symbols, CancellationToken ct, bool byParameter)
    {
        // Symbol checks first, cheapest first: this runs on every property reference in the compilation, and almost
        // none is a one-string-parameter indexer of a header collection.
        // (The operation's arguments, not the property's parameters, which the public symbol model copies on every call.)
        var property = reference.Property;
        if (!property.IsIndexer || reference.Arguments.Length != 1 || reference.Arguments[0].Parameter?.Type.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var instance = OperationWalk.SkipConversions(reference.Instance);
        var headerDictionary = symbols.IsHeaderDictionary(property.ContainingType) || symbols.IsHeaderDictionary(instance?.Type);
        var nameValue = !headerDictionary && symbols.Is(property.ContainingType, WellKnownType.System_Collections_Specialized_NameValueCollection);
        var serverVariables = !headerDictionary && !nameValue &&
            symbols.Is(property.ContainingType, WellKnownType.Microsoft_AspNetCore_Http_Features_IServerVariablesFeature);
        if (!headerDictionary && !nameValue && !serverVariables && !IsStringKeyedDictionary(property.ContainingType))
        {
            return null; // lists and other indexers end here, before the operation tree is looked at
        }

        if (reference.Arguments.Length != 1 || reference.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String ||
            OperationWalk.IsWriteTarget(reference))
        {
            return null;
        }

        var key = reference.Arguments[0].Value;
        if (headerDictionary)
        {
            return IsResponseHeaders(instance, symbols) ? null : Found(reference, key, reference, isText: false, aspNetCore: true);
        }

        if (serverVariables)
        {
            return Found(reference, key, reference, isText: true, aspNetCore: true); // HTTP_X_FORWARDED_FOR
        }

        if (nameValue)
        {
            return MatchNameValue(reference, instance, key, isText: true, symbols);
        }

        // A dictionary copied from the request headers: only for a constant client-IP name (cheap) is the copy looked for.
        return !byParameter && IsClientIpConstant(key, symbols, ct) && IsCopyOfRequestHeaders(instance, symbols, ct)
            ? Found(reference, key, reference, isText: IsText(reference.Type), aspNetCore: true)
            : null;
    }

    private static (HeaderRead Read, IOperation Key)? MatchInvocation(IInvocationOperation invocation, WellKnownSymbols symbols, CancellationToken ct, bool byParameter)
    {
        var method = invocation.TargetMethod;
        if (!InvocationNameSet.Contains(method.Name))
        {
            return null; // the common case, decided on the name alone
        }

        var receiver = OperationWalk.SkipConversions(OperationWalk.Receiver(invocation));
        switch (method.Name)
        {
            case "TryGetValue" when symbols.IsHeaderDictionary(receiver?.Type) && invocation.Arguments.Length == 2:
                return IsResponseHeaders(receiver, symbols)
                    ? null
                    : Found(invocation, invocation.Arguments[0].Value, OutValue(invocation.Arguments[1].Value), isText: false, aspNetCore: true);

            case "GetCommaSeparatedValues" or "GetValueOrDefault" when symbols.IsHeaderDictionary(receiver?.Type):
                return IsResponseHeaders(receiver, symbols) || KeyArgument(invocation) is not { } key
                    ? null
                    : Found(invocation, key, invocation, isText: false, aspNetCore: true);

            case "Get" or "GetList" when symbols.Is(method.ContainingType, WellKnownType.Microsoft_AspNetCore_Http_Headers_RequestHeaders):
                return KeyArgument(invocation) is { } name ? Found(invocation, name, invocation, isText: method.Name == "Get", aspNetCore: true) : null;

            case "GetValues" or "TryGetValues" or "GetValuesOrDefault" when symbols.IsInboundHttpHeaders(method, receiver?.Type):
                if (KeyArgument(invocation) is not { } headerName)
                {
                    return null;
                }

                var value = method.Name == "TryGetValues" && invocation.Arguments.Length == 2 ? OutValue(invocation.Arguments[1].Value) : invocation;
                return Found(invocation, headerName, value, isText: false, aspNetCore: false);

            case "Get" or "GetValues" when symbols.Is(method.ContainingType, WellKnownType.System_Collections_Specialized_NameValueCollection) &&
                                          invocation.Arguments.Length == 1:
                return MatchNameValue(invocation, receiver, invocation.Arguments[0].Value, isText: method.Name == "Get", symbols);

            // gRPC: context.RequestHeaders.GetValue("x-forwarded-for"), .Get(...)?.Value, .GetAll(...).
            case "GetValue" or "Get" or "GetAll" when symbols.Is(method.ContainingType, WellKnownType.Grpc_Core_Metadata) &&
                                                      invocation.Arguments.Length == 1 && IsIncomingMetadata(receiver, symbols, ct):
                var entry = Found(invocation, invocation.Arguments[0].Value, invocation, isText: method.Name == "GetValue", aspNetCore: false);
                entry.Read.AsEntry(method.Name != "GetValue");
                return entry;

            case "GetServerVariable" when invocation.Arguments.Length == 2 &&
                                          symbols.Is(method.ContainingType, WellKnownType.Microsoft_AspNetCore_Http_HttpContextServerVariableExtensions):
                return Found(invocation, invocation.Arguments[1].Value, invocation, isText: true, aspNetCore: true);

            case "TryGetValue" or "GetValueOrDefault" when !byParameter &&
                                                          (IsStringKeyedDictionary(method.ContainingType) || IsStringKeyedDictionary(receiver?.Type as INamedTypeSymbol)) &&
                                                          KeyArgument(invocation) is { } copyKey &&
                                                          IsClientIpConstant(copyKey, symbols, ct) &&
                                                          IsCopyOfRequestHeaders(receiver, symbols, ct):
                var copied = method.Name == "TryGetValue" && invocation.Arguments.Length >= 2 ? OutValue(invocation.Arguments[invocation.Arguments.Length - 1].Value) : invocation;
                return Found(invocation, copyKey, copied, isText: IsText(method.Name == "TryGetValue" ? copied?.Type : invocation.Type), aspNetCore: true);

            case "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault" or "Where" when !byParameter:
                return EntryByKey(invocation, receiver, symbols, ct);

            default:
                return null;
        }
    }

    /// <summary>
    /// LINQ that picks request-header entries by key: <c>headers.FirstOrDefault(h => h.Key == "X-Real-IP")</c>, with
    /// <c>Equals</c>, <c>string.Equals(..., OrdinalIgnoreCase)</c> or a lower/upper-cased key; also over gRPC metadata.
    /// Any/Count/All only ask whether such an entry exists: not reads.
    /// </summary>
    private static (HeaderRead Read, IOperation Key)? EntryByKey(IInvocationOperation invocation, IOperation? receiver, WellKnownSymbols symbols, CancellationToken ct)
    {
        if (invocation.Arguments.Length != 2 || receiver is null || invocation.TargetMethod.ContainingType?.Name != "Enumerable")
        {
            return null;
        }

        var headers = symbols.IsHeaderDictionary(receiver.Type) && !IsResponseHeaders(receiver, symbols);
        var metadata = !headers && symbols.Is(receiver.Type, WellKnownType.Grpc_Core_Metadata) && IsIncomingMetadata(receiver, symbols, ct);
        if ((!headers && !metadata) ||
            OperationWalk.SkipConversions(invocation.Arguments[1].Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation predicate } ||
            predicate.Symbol.Parameters.Length != 1 || ComparedWithKey(predicate, predicate.Symbol.Parameters[0]) is not { } key)
        {
            return null;
        }

        var found = Found(invocation, key, invocation, isText: false, aspNetCore: headers);
        found.Read.AsEntry(true);
        return found;
    }

    /// <summary>The operand compared with <c>entry.Key</c> in a predicate's body, or null.</summary>
    private static IOperation? ComparedWithKey(IAnonymousFunctionOperation predicate, IParameterSymbol entry)
    {
        foreach (var descendant in predicate.Body.Descendants())
        {
            switch (descendant)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } comparison:
                    if (IsKeyOf(comparison.LeftOperand, entry))
                    {
                        return comparison.RightOperand;
                    }

                    if (IsKeyOf(comparison.RightOperand, entry))
                    {
                        return comparison.LeftOperand;
                    }

                    break;
                case IInvocationOperation { TargetMethod.Name: "Equals" } equals:
                    // h.Key.Equals("X-Real-IP", ...), string.Equals(h.Key, "X-Real-IP", ...), comparer.Equals(h.Key, "...")
                    IOperation? other = null;
                    var hasKey = equals.Instance is { } instance && IsKeyOf(instance, entry);
                    foreach (var argument in equals.Arguments)
                    {
                        if (IsKeyOf(argument.Value, entry))
                        {
                            hasKey = true;
                        }
                        else if (argument.Value.Type?.SpecialType == SpecialType.System_String && other is null)
                        {
                            other = argument.Value;
                        }
                    }

                    if (hasKey && other is not null)
                    {
                        return other;
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary><c>entry.Key</c>, possibly lower- or upper-cased or trimmed.</summary>
    private static bool IsKeyOf(IOperation operation, IParameterSymbol entry)
    {
        var current = OperationWalk.SkipConversions(operation);
        while (current is IInvocationOperation { TargetMethod.Name: "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim", Instance: { } inner })
        {
            current = OperationWalk.SkipConversions(inner);
        }

        return current is IPropertyReferenceOperation { Property.Name: "Key", Instance: IParameterReferenceOperation { Parameter: var parameter } } &&
            SymbolEqualityComparer.Default.Equals(parameter, entry);
    }

    /// <summary>
    /// Microsoft.AspNetCore.HeaderParsing: <c>request.TryGetHeaderValue(key, out var addresses)</c> (or the feature's), where
    /// the key was registered for <c>CommonHeaders.XForwardedFor</c> or another client-IP header, or parses addresses.
    /// </summary>
    private static HeaderRead? HeaderParsing(IInvocationOperation invocation, WellKnownSymbols symbols, CancellationToken ct)
    {
        var method = invocation.TargetMethod;
        var containing = method.ContainingType;
        if ((!symbols.Is(containing, WellKnownType.Microsoft_AspNetCore_Http_HeaderParsingHttpRequestExtensions) &&
             !symbols.Is(containing, WellKnownType.Microsoft_AspNetCore_HeaderParsing_HeaderParsingFeature)) ||
            !method.IsGenericMethod)
        {
            return null;
        }

        var offset = method.IsExtensionMethod ? 1 : 0;
        if (invocation.Arguments.Length < offset + 2)
        {
            return null;
        }

        var header = HeaderKeyName(invocation.Arguments[offset].Value, symbols, ct) ??
            (IsAddresses(method.TypeArguments[0], symbols) ? "X-Forwarded-For" : null);
        return header is null
            ? null
            : new HeaderRead(invocation, header, OutValue(invocation.Arguments[offset + 1].Value), isText: false, isAspNetCore: true);
    }

    /// <summary>The client-IP header a HeaderKey was registered for, from its declaration (<c>registry.Register(CommonHeaders.XForwardedFor)</c>).</summary>
    private static string? HeaderKeyName(IOperation key, WellKnownSymbols symbols, CancellationToken ct)
    {
        var symbol = OperationWalk.SkipConversions(key) switch
        {
            IFieldReferenceOperation field => (ISymbol)field.Field,
            IPropertyReferenceOperation property => property.Property,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
        foreach (var reference in symbol?.DeclaringSyntaxReferences ?? default)
        {
            foreach (var token in reference.GetSyntax(ct).DescendantTokens())
            {
                if (token.ValueText == "XForwardedFor")
                {
                    return "X-Forwarded-For";
                }

                if (token.Value is string text && ClientIpHeaders.Canonical(text) is { } canonical)
                {
                    return canonical;
                }
            }
        }

        return null;
    }

    // IReadOnlyList<IPAddress>, IPAddress[], IPAddress: a header parsed into addresses carries the client address.
    private static bool IsAddresses(ITypeSymbol type, WellKnownSymbols symbols) => type switch
    {
        IArrayTypeSymbol array => symbols.InheritsFrom(array.ElementType, WellKnownType.System_Net_IPAddress),
        INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } list => symbols.InheritsFrom(list.TypeArguments[0], WellKnownType.System_Net_IPAddress),
        _ => symbols.InheritsFrom(type, WellKnownType.System_Net_IPAddress),
    };

    /// <summary>HttpListenerRequest.Headers, and System.Web's Request.Headers / Request.ServerVariables.</summary>
    private static (HeaderRead Read, IOperation Key)? MatchNameValue(IOperation read, IOperation? collection, IOperation key, bool isText, WellKnownSymbols symbols)
    {
        if (collection is not IPropertyReferenceOperation { Property: var source } || key.Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        return symbols.Is(source, WellKnownMember.HttpListenerRequest_Headers) || symbols.IsWebHeaders(source) || symbols.IsWebServerVariables(source)
            ? Found(read, key, read, isText, aspNetCore: false)
            : null;
    }

    /// <summary>
    /// A string-keyed dictionary in a local that was filled from the request headers in the same body: initialised from
    /// them (<c>Request.Headers.ToDictionary(...)</c>, <c>new Dictionary&lt;,&gt;(...)</c>) or filled in a loop over them.
    /// </summary>
    private static bool IsCopyOfRequestHeaders(IOperation? dictionary, WellKnownSymbols symbols, CancellationToken ct)
    {
        switch (dictionary)
        {
            case IInvocationOperation or IObjectCreationOperation:
                return MentionsRequestHeaders(dictionary, symbols);
            case ILocalReferenceOperation { Local: var local } reference:
                foreach (var descendant in OperationWalk.Root(reference).Descendants())
                {
                    ct.ThrowIfCancellationRequested();
                    switch (descendant)
                    {
                        case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                            when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && MentionsRequestHeaders(initial, symbols):
                            return true;
                        case IForEachLoopOperation loop when MentionsRequestHeaders(loop.Collection, symbols) && WritesTo(loop.Body, local):
                            return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool MentionsRequestHeaders(IOperation operation, WellKnownSymbols symbols)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IPropertyReferenceOperation { Property.Name: "Headers" } headers && symbols.IsAnyHeaders(headers.Type) &&
                !IsResponseHeaders(headers, symbols) && !symbols.InheritsFrom(headers.Type, WellKnownType.System_Net_Http_Headers_HttpResponseHeaders))
            {
                return true;
            }
        }

        return false;
    }

    private static bool WritesTo(IOperation body, ILocalSymbol local)
    {
        foreach (var descendant in body.Descendants())
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                reference.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } or IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd" })
            {
                return true;
            }
        }

        return false;
    }

    // A literal, a constant or a static readonly field naming a client-IP header; locals are not resolved on this hot path.
    private static bool IsClientIpConstant(IOperation key, WellKnownSymbols symbols, CancellationToken ct) =>
        (key.ConstantValue.HasValue || key is IFieldReferenceOperation) && HeaderNameResolver.FindClientIpHeader(key, symbols, ct) is not null;

    // The name first: the public symbol model builds a new TypeArguments array on every ask.
    private static bool IsStringKeyedDictionary(INamedTypeSymbol? type) =>
        type is { IsGenericType: true } &&
        type.Name is "Dictionary" or "IDictionary" or "IReadOnlyDictionary" or "ConcurrentDictionary" or "SortedDictionary" or "ImmutableDictionary" or "IImmutableDictionary" &&
        type.TypeArguments is { Length: 2 } arguments && arguments[0].SpecialType == SpecialType.System_String;

    private static bool IsText(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String;

    /// <summary>The string-typed argument naming the header (the one that is not the receiver).</summary>
    private static IOperation? KeyArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: var ordinal } parameter &&
                !(invocation.TargetMethod.IsExtensionMethod && ordinal == 0) &&
                parameter.Type.SpecialType == SpecialType.System_String)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static IOperation? OutValue(IOperation argument) => argument switch
    {
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local,
        ILocalReferenceOperation local => local,
        _ => null, // a discard or a field: nothing we follow, so the read counts as a presence check
    };

    private static bool IsResponseHeaders(IOperation? headers, WellKnownSymbols symbols) =>
        headers is IPropertyReferenceOperation { Instance: { } owner } &&
        symbols.InheritsFrom(OperationWalk.SkipConversions(owner)?.Type, WellKnownType.Microsoft_AspNetCore_Http_HttpResponse);

    /// <summary>
    /// The metadata the client sent: <c>ServerCallContext.RequestHeaders</c>, directly or through a local initialised
    /// from it. Metadata a client builds to send, response trailers and a server's response headers are not.
    /// </summary>
    private static bool IsIncomingMetadata(IOperation? metadata, WellKnownSymbols symbols, CancellationToken ct)
    {
        if (metadata is ILocalReferenceOperation { Local: var local, SemanticModel: { } model } reference &&
            local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: { } value } &&
            value.SyntaxTree == reference.Syntax.SyntaxTree)
        {
            metadata = OperationWalk.SkipConversions(model.GetOperation(value, ct));
        }

        return metadata is IPropertyReferenceOperation { Property: var property } && symbols.Is(property, WellKnownMember.ServerCallContext_RequestHeaders);
    }
}
