using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using static ClientIp.Analyzers.Common.Members;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// The web-framework symbols the client-address analyzers (CIP0001-CIP0003) match on, resolved once per compilation
/// (at compilation start, or on first use) and shared by those analyzers. Every member may be null: a project
/// references ASP.NET Core, HttpListener, classic ASP.NET (System.Web) or none of them, and the ClientIp resolver may
/// be absent.
/// </summary>
internal sealed class AspNetCoreSymbols
{
    /// <summary>The resolver the code fixes rewrite to, matched by metadata name so a source copy counts too.</summary>
    public const string ResolverMetadataName = "ClientIp.ClientIpHttpContextExtensions";

    private static readonly ConditionalWeakTable<Compilation, AspNetCoreSymbols> PerCompilation = new();
    private static readonly string[] OtherStackNames = { "HttpListener", "HttpRequestMessage" };

    // Per-type answers, kept for this compilation only (the object is created in the compilation-start action):
    // the same few dictionary and attribute types come back on every indexer, TryGetValue and parameter.
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _headerDictionaryTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _fromHeaderAttributes = new(SymbolEqualityComparer.Default);

    private readonly Compilation _compilation;
    private readonly CachedAnswer _relevant;

    private readonly Lazy<INamedTypeSymbol?> _httpRequest, _httpResponse, _requestHeaders, _fromHeaderMetadata, _httpHeaders,
        _httpResponseHeaders, _httpContentHeaders, _ipAddress, _ipEndPoint, _logger, _loggerMessageAttribute;
    private readonly Lazy<IPropertySymbol?> _connectionRemoteIpAddress, _featureRemoteIpAddress, _xForwardedForHeaderName,
        _listenerHeaders, _listenerRemoteEndPoint;
    private readonly Lazy<IPropertySymbol?[]> _webHeaders, _webServerVariables, _webUserHostAddress;
    private readonly Lazy<bool> _resolverAvailable;

    private AspNetCoreSymbols(Compilation compilation)
    {
        _compilation = compilation;
        _relevant = new CachedAnswer(FindRelevance);

        // Needed by every analyzer at start or on every candidate: looked up now.
        HttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
        HeaderDictionary = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IHeaderDictionary");
        NameValueCollection = compilation.GetTypeByMetadataName("System.Collections.Specialized.NameValueCollection");

        // Needed only once a candidate read is found, or by one stack: looked up on first use (see Members.Deferred).
        _httpRequest = Type("Microsoft.AspNetCore.Http.HttpRequest");
        _httpResponse = Type("Microsoft.AspNetCore.Http.HttpResponse");
        _connectionRemoteIpAddress = Member("Microsoft.AspNetCore.Http.ConnectionInfo", "RemoteIpAddress");
        _featureRemoteIpAddress = Member("Microsoft.AspNetCore.Http.Features.IHttpConnectionFeature", "RemoteIpAddress");
        _requestHeaders = Type("Microsoft.AspNetCore.Http.Headers.RequestHeaders");
        _xForwardedForHeaderName = Member("Microsoft.AspNetCore.HttpOverrides.ForwardedHeadersDefaults", "XForwardedForHeaderName");
        _fromHeaderMetadata = Type("Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata");

        _httpHeaders = Type("System.Net.Http.Headers.HttpHeaders");
        _httpResponseHeaders = Type("System.Net.Http.Headers.HttpResponseHeaders");
        _httpContentHeaders = Type("System.Net.Http.Headers.HttpContentHeaders");
        _listenerHeaders = Member("System.Net.HttpListenerRequest", "Headers");
        _listenerRemoteEndPoint = Member("System.Net.HttpListenerRequest", "RemoteEndPoint");

        // Classic ASP.NET: HttpRequest (System.Web) and HttpRequestBase (System.Web.Abstractions, MVC 5 controllers).
        _webHeaders = WebMembers("Headers");
        _webServerVariables = WebMembers("ServerVariables");
        _webUserHostAddress = WebMembers("UserHostAddress");

        _ipAddress = Type("System.Net.IPAddress");
        _ipEndPoint = Type("System.Net.IPEndPoint");
        _logger = Type("Microsoft.Extensions.Logging.ILogger");
        _loggerMessageAttribute = Type("Microsoft.Extensions.Logging.LoggerMessageAttribute");
        _resolverAvailable = Deferred(() => compilation.GetTypeByMetadataName(ResolverMetadataName) is not null);
    }

    public INamedTypeSymbol? HttpContext { get; }
    public INamedTypeSymbol? HttpRequest => _httpRequest.Value;
    public INamedTypeSymbol? HttpResponse => _httpResponse.Value;
    public IPropertySymbol? ConnectionRemoteIpAddress => _connectionRemoteIpAddress.Value;
    public IPropertySymbol? FeatureRemoteIpAddress => _featureRemoteIpAddress.Value;
    public INamedTypeSymbol? HeaderDictionary { get; }
    public INamedTypeSymbol? RequestHeaders => _requestHeaders.Value;
    public IPropertySymbol? XForwardedForHeaderName => _xForwardedForHeaderName.Value;
    public INamedTypeSymbol? FromHeaderMetadata => _fromHeaderMetadata.Value;
    public INamedTypeSymbol? HttpHeaders => _httpHeaders.Value;
    public INamedTypeSymbol? HttpResponseHeaders => _httpResponseHeaders.Value;
    public INamedTypeSymbol? HttpContentHeaders => _httpContentHeaders.Value;
    public INamedTypeSymbol? NameValueCollection { get; }
    public IPropertySymbol? ListenerHeaders => _listenerHeaders.Value;
    public IPropertySymbol? ListenerRemoteEndPoint => _listenerRemoteEndPoint.Value;
    public IPropertySymbol?[] WebHeaders => _webHeaders.Value;
    public IPropertySymbol?[] WebServerVariables => _webServerVariables.Value;
    public IPropertySymbol?[] WebUserHostAddress => _webUserHostAddress.Value;
    public INamedTypeSymbol? IPAddress => _ipAddress.Value;
    public INamedTypeSymbol? IPEndPoint => _ipEndPoint.Value;
    public INamedTypeSymbol? Logger => _logger.Value;
    public INamedTypeSymbol? LoggerMessageAttribute => _loggerMessageAttribute.Value;

    /// <summary>Whether <see cref="ResolverMetadataName"/> exists, i.e. whether a code fix has something to call.</summary>
    public bool ResolverAvailable => _resolverAvailable.Value;

    /// <summary>
    /// Whether CIP0001-CIP0003 have anything to look for: ASP.NET Core or classic ASP.NET is referenced, or the source
    /// uses one of the stacks every .NET project references (HttpListener, an inbound HttpRequestMessage). Those
    /// types are in Microsoft.NETCore.App, so without this check the analyzers would register their actions in every
    /// class library; they are only used through their names (a listener is created, a handler takes the request),
    /// so a source that never spells them has no such read. ASP.NET Web API (System.Web.Http) hands controllers an
    /// HttpRequestMessage without naming it, so a reference to it counts too.
    /// </summary>
    public bool IsRelevant(CancellationToken ct) => _relevant.Get(ct);

    private bool FindRelevance(CancellationToken ct)
    {
        // Type look-ups only (no member loading), cheapest answer first: a class library pays for little more than
        // the text search.
        var compilation = _compilation;
        if (HttpContext is not null ||
            compilation.GetTypeByMetadataName("System.Web.HttpRequest") is not null ||
            compilation.GetTypeByMetadataName("System.Web.HttpRequestBase") is not null ||
            compilation.GetTypeByMetadataName("System.Web.Http.ApiController") is not null)
        {
            return true;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (SourceTextSearch.Find(tree.GetText(ct), OtherStackNames, ct) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The symbols of <paramref name="compilation"/>, created once and shared by the analyzers that need them (each
    /// lookup and type cache would otherwise be repeated per analyzer). Kept only as long as the compilation lives.
    /// </summary>
    public static AspNetCoreSymbols For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new AspNetCoreSymbols(c));

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

    private Lazy<INamedTypeSymbol?> Type(string metadataName) => Deferred(() => _compilation.GetTypeByMetadataName(metadataName));

    private Lazy<IPropertySymbol?> Member(string typeMetadataName, string property) =>
        Deferred(() => Property(_compilation.GetTypeByMetadataName(typeMetadataName), property));

    private Lazy<IPropertySymbol?[]> WebMembers(string property) => Deferred(() => new[]
    {
        Property(_compilation.GetTypeByMetadataName("System.Web.HttpRequest"), property),
        Property(_compilation.GetTypeByMetadataName("System.Web.HttpRequestBase"), property),
    });
}
