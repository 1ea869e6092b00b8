using System.Collections.Generic;

namespace ClientIp.Analyzers.Tests.Robustness;

/// <summary>Broken code around every construct the analyzers look at.</summary>
internal static class MalformedSnippets
{
    private const string Usings = "using System; using System.Net; using Microsoft.AspNetCore.Builder; using Microsoft.AspNetCore.Http; using Microsoft.AspNetCore.HttpOverrides; using Microsoft.Extensions.DependencyInjection;\n";

    public static IEnumerable<string> All { get; } = new[]
    {
        "",
        "}",
        "{{{{",
        "class",
        "class C { void M( }",
        "namespace ; class { }",
        "\0\u2028\uFEFF",
        "#if\nclass C {}\n#endif",
        "#error oops\nclass C { }",
        "/* unterminated",
        "\"unterminated string",
        "@\"",
        "$\"{",
        "\"\"\"\nraw",
        Usings + "class C { void M(WebApplication app) { app.UseForwardedHeaders( } }",
        Usings + "class C { void M(WebApplication app) { app.UseAuthentication(); app.UseForwardedHeaders(new ForwardedHeadersOptions { KnownProxies = } ); } }",
        Usings + "class C { void M(WebApplication app) { app..UseForwardedHeaders(); app.UseAuthentication() app.UseForwardedHeaders() } }",
        Usings + "class C { void M() { UseForwardedHeaders(); UseAuthentication(); UseForwardedHeaders(); } }",
        Usings + "class C { void M(IApplicationBuilder app) { app.UseCors(x =>).UseForwardedHeaders(; } }",
        Usings + "class C { void M(ForwardedHeadersOptions o) { o.KnownProxies.Clear(; o.KnownNetworks.Clear } }",
        Usings + "class C { void M(ForwardedHeadersOptions o) { o.KnownProxies.Clear(1); o.KnownIPNetworks.Clear(2, 3); } }",
        Usings + "class C { void M(ForwardedHeadersOptions o) { o.KnownIPNetworks.Add(); o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse()); o.KnownNetworks.Insert(, ); } }",
        Usings + "class C { void M(ForwardedHeadersOptions o) { o.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Any, )); o.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(0)); } }",
        Usings + "class C { void M(ForwardedHeadersOptions o) { o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(null)); o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(\"/0\")); o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(\"0.0.0.0/\")); } }",
        Usings + "class C { void M(ForwardedHeadersOptions o) { var n = n; o.KnownIPNetworks.Add(n); var m = default; o.KnownIPNetworks.Add(m); } }",
        Usings + "class C { void M(ForwardedHeadersOptions o) { o.ForwardedHeaders = ; o.ForwardedHeaders |= (ForwardedHeaders)\"x\"; o.KnownProxies.Clear(); o.KnownNetworks.Clear(); } }",
        Usings + "class C { void M() { new ForwardedHeadersOptions { KnownIPNetworks = { , System.Net.IPNetwork.Parse(\"::/0\") } }.KnownProxies.Clear(); } }",
        Usings + "class C : ForwardedHeadersOptions { void M() { KnownProxies.Clear(); KnownNetworks.Clear(); this.KnownIPNetworks.Clear(); base.KnownProxies.Clear(); } }",
        Usings + "class C { void M(ClientIp.ClientIpOptions o) { o.UnsafeTrustEveryPeer = ; o.TrustedProxies.Add(); o.TrustedProxies.Add(0); } }",
        Usings + "class C { string M(HttpContext ctx) => ctx.Connection.RemoteIpAddress. ; }",
        Usings + "class C { string M(HttpContext ctx) => ctx.Request.Headers[; }",
        Usings + "class C { string M(HttpContext ctx) => ctx.Request.Headers[\"X-Forwarded-For\"].ToString().Split(')[0]; }",
        Usings + "class C { string M(HttpContext ctx) => ctx.Request.Headers[\"X-Forwarded-For\"][; }",
        Usings + "class C { string M(HttpContext ctx) => ctx.Request.Headers[\"X-Forwarded-For\"].ToString().Substring(0, ctx.Request.Headers[\"X-Forwarded-For\"].ToString().IndexOf(; }",
        Usings + "class C { void M([Microsoft.AspNetCore.Mvc.FromHeader(Name = )] string ip, [Microsoft.AspNetCore.Mvc.FromHeader(Name = 42)] string other) { } }",
        Usings + "class C { const string H = H; string M(HttpContext ctx) => ctx.Request.Headers[H]; }",
        Usings + "class C { static readonly string H = \"X-Real-\" + ; string M(HttpContext ctx) => ctx.Request.Headers[$\"{H}\"]; }",
        Usings + "class C { string M(HttpContext? ctx) => ctx?.Request?.Headers?[\"X-Real-IP\"]?.ToString()?.Split(',')?[0]; }",
        Usings + "class C(HttpContext ctx) { string? Ip => ctx.Connection.RemoteIpAddress?.ToString(); string? M() { string? Local() => ctx.Request.Headers[\"X-Real-IP\"]; return Local(); } }",
        Usings + "class C { void M(WebApplication app) { app.MapGet(\"/\", (HttpContext c) => c.Request.Headers[\"X-Forwarded-For\"].FirstOrDefault(; } }",
        Usings + "class C { object M(HttpContext ctx) => ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpConnectionFeature>()!.RemoteIpAddress = ; }",
        Usings + "class C { void M(System.Net.HttpListenerRequest r) { var a = r.Headers[; var b = r.RemoteEndPoint. ; } }",
        Usings + "class C { void M(System.Net.Http.HttpRequestMessage m) { m.Headers.GetValues(; m.Headers.TryGetValues(\"X-Forwarded-For\", out ); } }",
        Usings + "partial class C { partial void M(HttpContext ctx); } partial class C { partial void M(HttpContext ctx) { _ = ctx.Connection.RemoteIpAddress; } }",
        Usings + "class C { void M(HttpContext ctx) { goto L; L: _ = ctx.Request.Headers[\"X-Real-IP\"]; } }",
        Usings + "class C { System.Func<HttpContext, string> F = c => c.Request.Headers[\"X-Real-IP\"]; int this[HttpContext c] => c.Request.Headers[\"X-Forwarded-For\"].Count; }",
        Usings + "[assembly: Foo(typeof(ForwardedHeadersOptions))] class C { void M(ForwardedHeadersOptions o = null) { o.KnownProxies.Clear(); o.KnownNetworks.Clear(); } }",
        Usings + new string('(', 300) + new string(')', 10),
        Usings + "class C { void M(WebApplication app) { " + string.Concat(System.Linq.Enumerable.Repeat("app.UseAuthentication().", 200)) + "UseForwardedHeaders(); } }",
    };
}
