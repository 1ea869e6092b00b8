namespace ClientIp.Analyzers.Common;

/// <summary>
/// The types the analyzers and code fixes match on. Each name is the metadata name with '.' written as '_'; adding a
/// type is adding one line here and its metadata name at the same place in <see cref="WellKnownSymbols"/>' table
/// (a test holds the two together).
/// </summary>
/// <remarks>Any of them may be missing from a compilation: a project references ASP.NET Core, HttpListener, classic
/// ASP.NET, gRPC or none of them, and the ClientIp resolver may be absent.</remarks>
internal enum WellKnownType
{
    // ASP.NET Core: the request and its connection.
    Microsoft_AspNetCore_Http_HttpContext,
    Microsoft_AspNetCore_Http_HttpRequest,
    Microsoft_AspNetCore_Http_HttpResponse,
    Microsoft_AspNetCore_Http_ConnectionInfo,
    Microsoft_AspNetCore_Http_IHeaderDictionary,
    Microsoft_AspNetCore_Http_IHttpContextAccessor,
    Microsoft_AspNetCore_Http_Features_IHttpConnectionFeature,
    Microsoft_AspNetCore_Http_Headers_RequestHeaders,
    Microsoft_AspNetCore_Http_Metadata_IFromHeaderMetadata,
    Microsoft_AspNetCore_SignalR_HubCallerContext,
    Microsoft_Extensions_Primitives_StringValues,

    // ASP.NET Core: forwarded headers and the pipeline.
    Microsoft_AspNetCore_Builder_IApplicationBuilder,
    Microsoft_AspNetCore_Builder_ForwardedHeadersOptions,
    Microsoft_AspNetCore_Builder_ForwardedHeadersExtensions,
    Microsoft_AspNetCore_HttpOverrides_ForwardedHeaders,
    Microsoft_AspNetCore_HttpOverrides_ForwardedHeadersDefaults,
    Microsoft_AspNetCore_HttpOverrides_IPNetwork,

    // gRPC.
    Grpc_Core_ServerCallContext,

    // Other HTTP stacks every .NET project can use, and classic ASP.NET.
    System_Net_HttpListenerRequest,
    System_Net_Http_Headers_HttpHeaders,
    System_Net_Http_Headers_HttpResponseHeaders,
    System_Net_Http_Headers_HttpContentHeaders,
    System_Collections_Specialized_NameValueCollection,
    System_Web_HttpRequest,
    System_Web_HttpRequestBase,
    System_Web_Http_ApiController,

    // Addresses and logging.
    System_Net_IPAddress,
    System_Net_IPEndPoint,
    System_Net_IPNetwork,
    Microsoft_Extensions_Logging_ILogger,
    Microsoft_Extensions_Logging_LoggerMessageAttribute,

    // The ClientIp library (matched by metadata name, so a source copy counts too).
    ClientIp_ClientIpHttpContextExtensions,
    ClientIp_ClientIpOptions,

    // Reads that reach the client address by other routes: gRPC metadata, server variables, typed header parsing.
    Grpc_Core_Metadata,
    Microsoft_AspNetCore_Http_Features_IServerVariablesFeature,
    Microsoft_AspNetCore_Http_HttpContextServerVariableExtensions,
    Microsoft_AspNetCore_HeaderParsing_HeaderParsingFeature,
    Microsoft_AspNetCore_Http_HeaderParsingHttpRequestExtensions,

    // Used by the code fixes (appended; see WellKnownSymbols.Fixes.cs).
    ClientIp_ClientIpHttpListenerExtensions,
    Microsoft_Extensions_DependencyInjection_ClientIpServiceCollectionExtensions,
    Microsoft_Extensions_DependencyInjection_IServiceCollection,
    System_Threading_RateLimiting_RateLimitPartition,
    System_Net_HttpListenerContext,
}

/// <summary>
/// Properties (and one member that may be a property or a method) looked up on a <see cref="WellKnownType"/>, named
/// type_member; adding one is adding its line here and its type and name at the same place in
/// <see cref="WellKnownSymbols"/>' table (a test holds the two together).
/// </summary>
internal enum WellKnownMember
{
    ConnectionInfo_RemoteIpAddress,
    IHttpConnectionFeature_RemoteIpAddress,
    ForwardedHeadersDefaults_XForwardedForHeaderName,
    HttpListenerRequest_Headers,
    HttpListenerRequest_RemoteEndPoint,
    WebHttpRequest_Headers,
    WebHttpRequest_ServerVariables,
    WebHttpRequest_UserHostAddress,
    WebHttpRequestBase_Headers,
    WebHttpRequestBase_ServerVariables,
    WebHttpRequestBase_UserHostAddress,
    ForwardedHeadersOptions_KnownProxies,
    ForwardedHeadersOptions_KnownNetworks,
    ForwardedHeadersOptions_KnownIPNetworks,
    ForwardedHeadersOptions_ForwardedHeaders,
    ClientIpOptions_TrustedProxies,

    /// <summary>The ClientIp library's trust-every-peer opt-in: a bool property or a method, either shape.</summary>
    ClientIpOptions_UnsafeTrustEveryPeer,
    ServerCallContext_Peer,
    ServerCallContext_RequestHeaders,
}
