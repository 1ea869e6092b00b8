using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
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
        Value = value;
        IsText = isText;
        IsAspNetCore = isAspNetCore;
    }

    public IOperation Operation { get; }
    public string HeaderName { get; }
    public IOperation? Value { get; }
    public bool IsText { get; }
    public bool IsAspNetCore { get; }
}

/// <summary>
/// Recognises header reads by their symbol first (indexer, TryGetValue, GetCommaSeparatedValues, ...), and only
/// then resolves the header name. Writes, removals, presence-only members (ContainsKey) and response headers are
/// not reads.
/// </summary>
internal static class HeaderReadMatcher
{
    public static HeaderRead? Match(IOperation operation, WellKnownSymbols symbols, CancellationToken ct) => operation switch
    {
        IPropertyReferenceOperation property => MatchIndexer(property, symbols, ct),
        IInvocationOperation invocation => MatchInvocation(invocation, symbols, ct),
        _ => null,
    };

    private static HeaderRead? MatchIndexer(IPropertyReferenceOperation reference, WellKnownSymbols symbols, CancellationToken ct)
    {
        // Symbol checks first, cheapest first: this runs on every property reference in the compilation, and almost
        // none is a one-string-parameter indexer of a header collection.
        var property = reference.Property;
        if (!property.IsIndexer || property.Parameters.Length != 1 || property.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var instance = OperationWalk.SkipConversions(reference.Instance);
        var headerDictionary = symbols.IsHeaderDictionary(property.ContainingType) || symbols.IsHeaderDictionary(instance?.Type);
        if (!headerDictionary && !symbols.Is(property.ContainingType, WellKnownType.System_Collections_Specialized_NameValueCollection))
        {
            return null; // ordinary dictionaries and lists end here, before the operation tree is looked at
        }

        if (reference.Arguments.Length != 1 || reference.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String ||
            OperationWalk.IsWriteTarget(reference))
        {
            return null;
        }

        if (headerDictionary)
        {
            return IsResponseHeaders(instance, symbols) ? null : Create(reference, reference.Arguments[0].Value, reference, isText: false, aspNetCore: true, symbols, ct);
        }

        return MatchNameValue(reference, instance, reference.Arguments[0].Value, isText: true, symbols, ct);
    }

    private static HeaderRead? MatchInvocation(IInvocationOperation invocation, WellKnownSymbols symbols, CancellationToken ct)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("TryGetValue" or "GetCommaSeparatedValues" or "GetValueOrDefault" or "Get" or "GetList" or
            "GetValues" or "TryGetValues" or "GetValuesOrDefault"))
        {
            return null; // the common case, decided on the name alone
        }

        var receiver = OperationWalk.SkipConversions(OperationWalk.Receiver(invocation));
        switch (method.Name)
        {
            case "TryGetValue" when symbols.IsHeaderDictionary(receiver?.Type) && invocation.Arguments.Length == 2:
                if (IsResponseHeaders(receiver, symbols))
                {
                    return null;
                }

                return Create(invocation, invocation.Arguments[0].Value, OutValue(invocation.Arguments[1].Value), isText: false, aspNetCore: true, symbols, ct);

            case "GetCommaSeparatedValues" or "GetValueOrDefault" when symbols.IsHeaderDictionary(receiver?.Type):
                if (IsResponseHeaders(receiver, symbols) || KeyArgument(invocation) is not { } key)
                {
                    return null;
                }

                return Create(invocation, key, invocation, isText: false, aspNetCore: true, symbols, ct);

            case "Get" or "GetList" when symbols.Is(method.ContainingType, WellKnownType.Microsoft_AspNetCore_Http_Headers_RequestHeaders):
                return KeyArgument(invocation) is { } name
                    ? Create(invocation, name, invocation, isText: method.Name == "Get", aspNetCore: true, symbols, ct)
                    : null;

            case "GetValues" or "TryGetValues" or "GetValuesOrDefault" when symbols.IsInboundHttpHeaders(method, receiver?.Type):
                if (KeyArgument(invocation) is not { } headerName)
                {
                    return null;
                }

                var value = method.Name == "TryGetValues" && invocation.Arguments.Length == 2 ? OutValue(invocation.Arguments[1].Value) : invocation;
                return Create(invocation, headerName, value, isText: false, aspNetCore: false, symbols, ct);

            case "Get" or "GetValues" when symbols.Is(method.ContainingType, WellKnownType.System_Collections_Specialized_NameValueCollection) &&
                                          invocation.Arguments.Length == 1:
                return MatchNameValue(invocation, receiver, invocation.Arguments[0].Value, isText: method.Name == "Get", symbols, ct);

            default:
                return null;
        }
    }

    /// <summary>HttpListenerRequest.Headers, and System.Web's Request.Headers / Request.ServerVariables.</summary>
    private static HeaderRead? MatchNameValue(IOperation read, IOperation? collection, IOperation key, bool isText, WellKnownSymbols symbols, CancellationToken ct)
    {
        if (collection is not IPropertyReferenceOperation { Property: var source } || key.Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        if (symbols.Is(source, WellKnownMember.HttpListenerRequest_Headers) || symbols.IsWebHeaders(source))
        {
            return Create(read, key, read, isText, aspNetCore: false, symbols, ct);
        }

        if (symbols.IsWebServerVariables(source) &&
            ClientIpHeaders.FromServerVariable(HeaderNameResolver.Resolve(key, symbols, ct)) is { } header)
        {
            return new HeaderRead(read, header, read, isText, isAspNetCore: false);
        }

        return null;
    }

    private static HeaderRead? Create(IOperation read, IOperation key, IOperation? value, bool isText, bool aspNetCore, WellKnownSymbols symbols, CancellationToken ct) =>
        ClientIpHeaders.Canonical(HeaderNameResolver.Resolve(key, symbols, ct)) is { } header
            ? new HeaderRead(read, header, value, isText, aspNetCore)
            : null;

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
}
