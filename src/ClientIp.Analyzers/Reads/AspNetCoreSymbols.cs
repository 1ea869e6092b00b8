using System.Collections.Concurrent;
using System.Linq;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using static ClientIp.Analyzers.Common.Members;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// The web-framework symbols the client-address analyzers (CIP0001-CIP0003) match on, resolved once per compilation
/// in a compilation-start action. Every member may be null: a project references ASP.NET Core, HttpListener,
/// classic ASP.NET (System.Web) or none of them, and the ClientIp resolver may be absent.
/// </summary>
internal sealed class AspNetCoreSymbols
{
    /// <summary>The resolver the code fixes rewrite to, matched by metadata name so a source copy counts too.</summary>
    public const string ResolverMetadataName = "ClientIp.ClientIpHttpContextExtensions";

    // Per-type answers, kept for this compilation only (the object is created in the compilation-start action):
    // the same few dictionary and attribute types come back on every indexer, TryGetValue and parameter.
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _headerDictionaryTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _fromHeaderAttributes = new(SymbolEqualityComparer.Default);

    private AspNetCoreSymbols(Compilation compilation)
    {
        HttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
        HttpRequest = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpRequest");
        HttpResponse = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse");
        ConnectionRemoteIpAddress = Property(compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.ConnectionInfo"), "RemoteIpAddress");
        FeatureRemoteIpAddress = Property(compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Features.IHttpConnectionFeature"), "RemoteIpAddress");
        HeaderDictionary = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IHeaderDictionary");
        RequestHeaders = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Headers.RequestHeaders");
        XForwardedForHeaderName = Property(compilation.GetTypeByMetadataName("Microsoft.AspNetCore.HttpOverrides.ForwardedHeadersDefaults"), "XForwardedForHeaderName");
        FromHeaderMetadata = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata");

        HttpHeaders = compilation.GetTypeByMetadataName("System.Net.Http.Headers.HttpHeaders");
        HttpResponseHeaders = compilation.GetTypeByMetadataName("System.Net.Http.Headers.HttpResponseHeaders");
        HttpContentHeaders = compilation.GetTypeByMetadataName("System.Net.Http.Headers.HttpContentHeaders");
        NameValueCollection = compilation.GetTypeByMetadataName("System.Collections.Specialized.NameValueCollection");

        var listenerRequest = compilation.GetTypeByMetadataName("System.Net.HttpListenerRequest");
        ListenerHeaders = Property(listenerRequest, "Headers");
        ListenerRemoteEndPoint = Property(listenerRequest, "RemoteEndPoint");

        // Classic ASP.NET: HttpRequest (System.Web) and HttpRequestBase (System.Web.Abstractions, MVC 5 controllers).
        var webRequest = compilation.GetTypeByMetadataName("System.Web.HttpRequest");
        var webRequestBase = compilation.GetTypeByMetadataName("System.Web.HttpRequestBase");
        WebHeaders = Properties(Property(webRequest, "Headers"), Property(webRequestBase, "Headers"));
        WebServerVariables = Properties(Property(webRequest, "ServerVariables"), Property(webRequestBase, "ServerVariables"));
        WebUserHostAddress = Properties(Property(webRequest, "UserHostAddress"), Property(webRequestBase, "UserHostAddress"));

        IPAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
        IPEndPoint = compilation.GetTypeByMetadataName("System.Net.IPEndPoint");
        Logger = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
        LoggerMessageAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerMessageAttribute");
        ResolverAvailable = compilation.GetTypeByMetadataName(ResolverMetadataName) is not null;
    }

    public INamedTypeSymbol? HttpContext { get; }
    public INamedTypeSymbol? HttpRequest { get; }
    public INamedTypeSymbol? HttpResponse { get; }
    public IPropertySymbol? ConnectionRemoteIpAddress { get; }
    public IPropertySymbol? FeatureRemoteIpAddress { get; }
    public INamedTypeSymbol? HeaderDictionary { get; }
    public INamedTypeSymbol? RequestHeaders { get; }
    public IPropertySymbol? XForwardedForHeaderName { get; }
    public INamedTypeSymbol? FromHeaderMetadata { get; }
    public INamedTypeSymbol? HttpHeaders { get; }
    public INamedTypeSymbol? HttpResponseHeaders { get; }
    public INamedTypeSymbol? HttpContentHeaders { get; }
    public INamedTypeSymbol? NameValueCollection { get; }
    public IPropertySymbol? ListenerHeaders { get; }
    public IPropertySymbol? ListenerRemoteEndPoint { get; }
    public IPropertySymbol?[] WebHeaders { get; }
    public IPropertySymbol?[] WebServerVariables { get; }
    public IPropertySymbol?[] WebUserHostAddress { get; }
    public INamedTypeSymbol? IPAddress { get; }
    public INamedTypeSymbol? IPEndPoint { get; }
    public INamedTypeSymbol? Logger { get; }
    public INamedTypeSymbol? LoggerMessageAttribute { get; }

    /// <summary>Whether <see cref="ResolverMetadataName"/> exists, i.e. whether a code fix has something to call.</summary>
    public bool ResolverAvailable { get; }

    /// <summary>Whether any framework whose requests these analyzers understand is referenced.</summary>
    public bool HasAnyFramework =>
        HttpContext is not null || ListenerHeaders is not null || HttpHeaders is not null || WebHeaders.Any(p => p is not null);

    public static AspNetCoreSymbols Create(Compilation compilation) => new(compilation);

    /// <summary>True for the connection's remote address (ConnectionInfo or IHttpConnectionFeature, or an override).</summary>
    public bool IsRemoteIpAddress(IPropertySymbol property)
    {
        for (var p = property; p is not null; p = p.OverriddenProperty)
        {
            if (SymbolEqualityComparer.Default.Equals(p.OriginalDefinition, ConnectionRemoteIpAddress) ||
                SymbolEqualityComparer.Default.Equals(p.OriginalDefinition, FeatureRemoteIpAddress))
            {
                return true;
            }
        }

        return FeatureRemoteIpAddress is not null && property.Name == "RemoteIpAddress" &&
            property.ContainingType.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, FeatureRemoteIpAddress.ContainingType));
    }

    /// <summary>
    /// True for the types a trusted-proxy check can be asked about the peer with: IPAddress, IPEndPoint,
    /// ConnectionInfo, IHttpConnectionFeature, HttpRequest, HttpContext (or subclasses).
    /// </summary>
    public bool IsPeerCarrier(ITypeSymbol? type) =>
        type is not null &&
        (InheritsFrom(type, IPAddress) || InheritsFrom(type, IPEndPoint) || InheritsFrom(type, ConnectionRemoteIpAddress?.ContainingType) ||
         InheritsFrom(type, HttpRequest) || InheritsFrom(type, HttpContext) ||
         (FeatureRemoteIpAddress is { ContainingType: var feature } &&
          (SymbolEqualityComparer.Default.Equals(type, feature) || type.AllInterfaces.Contains(feature, SymbolEqualityComparer.Default))));

    /// <summary>True when <paramref name="type"/> is or implements IHeaderDictionary.</summary>
    public bool IsHeaderDictionary(ITypeSymbol? type)
    {
        if (type is null || HeaderDictionary is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, HeaderDictionary))
        {
            return true;
        }

        // IHeaderDictionary is not generic, so Dictionary<string, T> implements it for every T or for none: asking
        // the definition once avoids computing the interface list of every constructed type.
        return _headerDictionaryTypes.GetOrAdd(type.OriginalDefinition, t => t.AllInterfaces.Contains(HeaderDictionary, SymbolEqualityComparer.Default));
    }

    /// <summary>True when <paramref name="attributeClass"/> implements IFromHeaderMetadata (<c>[FromHeader]</c>).</summary>
    public bool IsFromHeaderAttribute(INamedTypeSymbol? attributeClass) =>
        attributeClass is not null && FromHeaderMetadata is not null &&
        _fromHeaderAttributes.GetOrAdd(attributeClass, t => t.AllInterfaces.Contains(FromHeaderMetadata, SymbolEqualityComparer.Default));

    public static bool Contains(IPropertySymbol?[] set, IPropertySymbol property)
    {
        foreach (var p in set)
        {
            if (p is not null && SymbolEqualityComparer.Default.Equals(p, property.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static IPropertySymbol?[] Properties(params IPropertySymbol?[] properties) => properties;
}
