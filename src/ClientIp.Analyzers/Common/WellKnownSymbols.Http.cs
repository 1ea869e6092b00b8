using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using static ClientIp.Analyzers.Common.WellKnownType;

namespace ClientIp.Analyzers.Common;

/// <summary>Predicates about requests, connections and headers, on the registry's symbols.</summary>
internal sealed partial class WellKnownSymbols
{
    /// <summary>The resolver's method every read fix rewrites to.</summary>
    public const string ResolverMethodName = "GetClientIpAddress";

    private static readonly SourceTextSearch OtherStackNames = new("HttpListener", "HttpRequestMessage");

    /// <summary>
    /// Assemblies that define a request type <see cref="IsRelevant"/> looks up (ASP.NET Core's HttpContext, Web API's
    /// ApiController). Not System.Web: .NET references a facade of that name, so classic ASP.NET is found by its types.
    /// </summary>
    private static readonly string[] WebStackAssemblies = { "Microsoft.AspNetCore.Http.Abstractions", "System.Web.Http" };

    private readonly CachedAnswer _relevant;

    // Per-type answers: the same few dictionary and attribute types come back on every indexer, TryGetValue and parameter.
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _headerDictionaryTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _fromHeaderAttributes = new(SymbolEqualityComparer.Default);
    private Slot<INamedTypeSymbol>? _resolverExtensions;

    /// <summary>
    /// Whether the read rules (CIP0001-CIP0003) have anything to look for: ASP.NET Core or classic ASP.NET is
    /// referenced, or the source uses one of the stacks every .NET project references (HttpListener, an inbound
    /// HttpRequestMessage). Those types are in Microsoft.NETCore.App, so without this check the analyzers would register
    /// their actions in every class library; they are only used through their names (a listener is created, a handler
    /// takes the request), so a source that never spells them has no such read. ASP.NET Web API (System.Web.Http) hands
    /// controllers an HttpRequestMessage without naming it, so a reference to it counts too.
    /// </summary>
    public bool IsRelevant(CancellationToken ct) => _relevant.Get(ct);

    private bool FindRelevance(CancellationToken ct)
    {
        // The referenced assemblies' names first: asked at compilation start, the first type look-up of a compilation
        // builds its merged namespaces before the compiler does (about a tenth of ours per warm build of the large app;
        // bench/analyzer-cost/README.md, lever 9). A reference to one of these is a web stack whatever its version.
        foreach (var assembly in Compilation.ReferencedAssemblyNames)
        {
            if (Array.IndexOf(WebStackAssemblies, assembly.Name) >= 0)
            {
                return true;
            }
        }

        // Type look-ups only (no member loading), cheapest answer first: a class library pays for little more than the text search.
        if (Get(Microsoft_AspNetCore_Http_HttpContext) is not null || Get(System_Web_HttpRequest) is not null ||
            Get(System_Web_HttpRequestBase) is not null || Get(System_Web_Http_ApiController) is not null)
        {
            return true;
        }

        foreach (var tree in Compilation.SyntaxTrees)
        {
            if (OtherStackNames.Find(tree.GetText(ct), ct) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The resolver extension class the fixes rewrite to (<c>ClientIp.ClientIpHttpContextExtensions</c>, found by
    /// metadata name so a source copy counts too), when it is accessible and has <c>GetClientIpAddress(HttpContext)</c>;
    /// otherwise null, and no read fix is offered.
    /// </summary>
    public INamedTypeSymbol? ResolverExtensions
    {
        get
        {
            var slot = Volatile.Read(ref _resolverExtensions);
            if (slot is null)
            {
                slot = new Slot<INamedTypeSymbol>(FindResolverExtensions());
                Volatile.Write(ref _resolverExtensions, slot);
            }

            return slot.Value;
        }
    }

    private INamedTypeSymbol? FindResolverExtensions()
    {
        var extensions = Get(ClientIp_ClientIpHttpContextExtensions);
        var httpContext = Get(Microsoft_AspNetCore_Http_HttpContext);
        if (extensions is null || httpContext is null || !Compilation.IsSymbolAccessibleWithin(extensions, Compilation.Assembly))
        {
            return null;
        }

        foreach (var member in extensions.GetMembers(ResolverMethodName))
        {
            if (member is IMethodSymbol { IsExtensionMethod: true, Parameters.Length: >= 1 } method &&
                SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, httpContext) &&
                AllOptionalAfterFirst(method))
            {
                return extensions;
            }
        }

        return null;
    }

    private static bool AllOptionalAfterFirst(IMethodSymbol method)
    {
        for (var i = 1; i < method.Parameters.Length; i++)
        {
            if (!method.Parameters[i].IsOptional)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for the connection's remote address (ConnectionInfo or IHttpConnectionFeature, or an override or implementation).</summary>
    public bool IsRemoteIpAddress(IPropertySymbol property)
    {
        if (property.Name != "RemoteIpAddress")
        {
            return false;
        }

        for (var p = property; p is not null; p = p.OverriddenProperty)
        {
            if (Is(p, WellKnownMember.ConnectionInfo_RemoteIpAddress) || Is(p, WellKnownMember.IHttpConnectionFeature_RemoteIpAddress))
            {
                return true;
            }
        }

        return IsOrImplements(property.ContainingType, Microsoft_AspNetCore_Http_Features_IHttpConnectionFeature);
    }

    /// <summary>
    /// True for the types a trusted-proxy check can be asked about the peer with: IPAddress, IPEndPoint,
    /// ConnectionInfo, IHttpConnectionFeature, HttpRequest, HttpContext (or subclasses and implementations).
    /// </summary>
    public bool IsPeerCarrier(ITypeSymbol? type) =>
        type is not null &&
        (InheritsFrom(type, System_Net_IPAddress) || InheritsFrom(type, System_Net_IPEndPoint) ||
         InheritsFrom(type, Microsoft_AspNetCore_Http_ConnectionInfo) || InheritsFrom(type, Microsoft_AspNetCore_Http_HttpRequest) ||
         InheritsFrom(type, Microsoft_AspNetCore_Http_HttpContext) || IsOrImplements(type, Microsoft_AspNetCore_Http_Features_IHttpConnectionFeature));

    /// <summary>True when <paramref name="type"/> is or implements IHeaderDictionary.</summary>
    public bool IsHeaderDictionary(ITypeSymbol? type)
    {
        if (type is null || Get(Microsoft_AspNetCore_Http_IHeaderDictionary) is not { } headerDictionary)
        {
            return false;
        }

        if (IsDefinition(type, headerDictionary))
        {
            return true;
        }

        // IHeaderDictionary is not generic, so Dictionary<string, T> implements it for every T or for none: asking the
        // definition once avoids computing the interface list of every constructed type.
        // TryGetValue first: GetOrAdd with a lambda that uses this registry would allocate a delegate on every call.
        var definition = type.OriginalDefinition;
        if (!_headerDictionaryTypes.TryGetValue(definition, out var isHeaders))
        {
            isHeaders = IsOrImplements(definition, Microsoft_AspNetCore_Http_IHeaderDictionary);
            _headerDictionaryTypes.TryAdd(definition, isHeaders);
        }

        return isHeaders;
    }

    /// <summary>True when <paramref name="attributeClass"/> implements IFromHeaderMetadata (<c>[FromHeader]</c>).</summary>
    public bool IsFromHeaderAttribute(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null || Get(Microsoft_AspNetCore_Http_Metadata_IFromHeaderMetadata) is null)
        {
            return false;
        }

        if (!_fromHeaderAttributes.TryGetValue(attributeClass, out var isFromHeader))
        {
            isFromHeader = IsOrImplements(attributeClass, Microsoft_AspNetCore_Http_Metadata_IFromHeaderMetadata);
            _fromHeaderAttributes.TryAdd(attributeClass, isFromHeader);
        }

        return isFromHeader;
    }

    /// <summary>Classic ASP.NET's <c>Request.Headers</c> (HttpRequest or HttpRequestBase).</summary>
    public bool IsWebHeaders(IPropertySymbol property) =>
        property.Name == "Headers" && (Is(property, WellKnownMember.WebHttpRequest_Headers) || Is(property, WellKnownMember.WebHttpRequestBase_Headers));

    /// <summary>Classic ASP.NET's <c>Request.ServerVariables</c>.</summary>
    public bool IsWebServerVariables(IPropertySymbol property) =>
        property.Name == "ServerVariables" &&
        (Is(property, WellKnownMember.WebHttpRequest_ServerVariables) || Is(property, WellKnownMember.WebHttpRequestBase_ServerVariables));

    /// <summary>Classic ASP.NET's <c>Request.UserHostAddress</c>: the peer's address.</summary>
    public bool IsWebUserHostAddress(IPropertySymbol property) =>
        property.Name == "UserHostAddress" &&
        (Is(property, WellKnownMember.WebHttpRequest_UserHostAddress) || Is(property, WellKnownMember.WebHttpRequestBase_UserHostAddress));

    /// <summary>Request headers of an <c>HttpRequestMessage</c> (not response or content headers).</summary>
    public bool IsInboundHttpHeaders(IMethodSymbol method, ITypeSymbol? receiverType) =>
        InheritsFrom(method.ContainingType, System_Net_Http_Headers_HttpHeaders) &&
        !InheritsFrom(receiverType, System_Net_Http_Headers_HttpResponseHeaders) &&
        !InheritsFrom(receiverType, System_Net_Http_Headers_HttpContentHeaders);

    /// <summary>Any header collection: ASP.NET Core's, System.Net.Http's, or a NameValueCollection (HttpListener, System.Web).</summary>
    public bool IsAnyHeaders(ITypeSymbol? type) =>
        IsHeaderDictionary(type) || InheritsFrom(type, System_Net_Http_Headers_HttpHeaders) || InheritsFrom(type, System_Collections_Specialized_NameValueCollection);
}
