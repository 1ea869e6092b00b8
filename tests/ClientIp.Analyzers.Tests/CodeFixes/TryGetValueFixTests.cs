using System.Threading.Tasks;
using static ClientIp.Analyzers.Tests.CodeFixes.ReadFixVerifier;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// A <c>TryGetValue(header, out var v)</c> on its own: as a condition, negated, or with its result discarded. The call
/// becomes the resolved client as text and the out variable stays, so the code after it keeps working.
/// </summary>
public class TryGetValueFixTests
{
    [Fact]
    public async Task AMiddlewareCopyingAHeaderIntoTheConnectionReadsTheResolvedClient()
    {
        await VerifyFixAsync("""
            using System.Net;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;

            public class CloudflareMiddleware
            {
                private readonly RequestDelegate _next;

                public CloudflareMiddleware(RequestDelegate next) => _next = next;

                public Task Invoke(HttpContext context)
                {
                    if ({|CIP0002:context.Request.Headers.TryGetValue("CF-Connecting-IP", out StringValues connectingIp)|} && IPAddress.TryParse(connectingIp, out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }

                    return _next(context);
                }
            }
            """, """
            using System.Net;
            using System.Threading.Tasks;
            using ClientIp;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;

            public class CloudflareMiddleware
            {
                private readonly RequestDelegate _next;

                public CloudflareMiddleware(RequestDelegate next) => _next = next;

                public Task Invoke(HttpContext context)
                {
                    // ClientIp: this code read CF-Connecting-IP; the host must call AddClientIp(o => o.ForwardedHeader = "CF-Connecting-IP").
                    if (context.GetClientIpAddress()?.ToString() is string connectingIp && IPAddress.TryParse(connectingIp, out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }

                    return _next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task ANegatedLookupBecomesAnIsNotPattern()
    {
        await VerifyFixAsync("""
            using Microsoft.AspNetCore.Http;

            static class Audit
            {
                public static string Who(HttpContext ctx)
                {
                    if (!{|CIP0002:ctx.Request.Headers.TryGetValue("X-Real-IP", out var realIp)|})
                    {
                        return "unknown";
                    }

                    return "client " + realIp;
                }
            }
            """, """
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            static class Audit
            {
                public static string Who(HttpContext ctx)
                {
                    // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                    if (ctx.GetClientIpAddress()?.ToString() is not string realIp)
                    {
                        return "unknown";
                    }

                    return "client " + realIp;
                }
            }
            """);
    }

    [Fact]
    public async Task ADiscardedResultKeepsTheOutVariableAndItsType()
    {
        await VerifyFixAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Http;

            public class DownloadLimiter
            {
                private readonly Dictionary<string, int> _downloads = new();

                public bool Allow(HttpContext context)
                {
                    {|CIP0002:context.Request.Headers.TryGetValue("X-Real-IP", out var realIp)|};
                    var key = realIp.ToString();
                    _downloads[key] = _downloads.GetValueOrDefault(key) + 1;
                    return _downloads[key] < 100;
                }
            }
            """, """
            using System.Collections.Generic;
            using ClientIp;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;

            public class DownloadLimiter
            {
                private readonly Dictionary<string, int> _downloads = new();

                public bool Allow(HttpContext context)
                {
                    // ClientIp: this code read X-Real-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Real-IP").
                    StringValues realIp = context.GetClientIpAddress()?.ToString();
                    var key = realIp.ToString();
                    _downloads[key] = _downloads.GetValueOrDefault(key) + 1;
                    return _downloads[key] < 100;
                }
            }
            """);
    }

    [Fact]
    public async Task AHeaderCopyLookedUpByNameBecomesTheResolvedClient()
    {
        await VerifyFixAsync("""
            using System;
            using System.Linq;
            using Microsoft.AspNetCore.Http;

            public static class RequestSnapshot
            {
                public static string? ClientIp(HttpContext context)
                {
                    var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                    return {|CIP0002:headers.TryGetValue("X-Client-IP", out var ip)|} ? ip : null;
                }
            }
            """, """
            using System;
            using System.Linq;
            using ClientIp;
            using Microsoft.AspNetCore.Http;

            public static class RequestSnapshot
            {
                public static string? ClientIp(HttpContext context)
                {
                    // ClientIp: this code read X-Client-IP; the host must call AddClientIp(o => o.ForwardedHeader = "X-Client-IP").
                    return context.GetClientIpAddress()?.ToString() is string ip ? ip : null;
                }
            }
            """);
    }

    [Theory]
    [InlineData("return values.Count > 1 ? values[1] : null;")]
    [InlineData("foreach (var value in values) { return value; } return null;")]
    public async Task NoFixWhereTheCodeAsksForHeaderLines(string use)
    {
        await VerifyNoFixAsync($$"""
            using Microsoft.AspNetCore.Http;

            static class Second
            {
                public static string? Get(HttpContext ctx)
                {
                    if ({|CIP0002:ctx.Request.Headers.TryGetValue("X-Real-IP", out var values)|})
                    {
                        {{use}}
                    }

                    return null;
                }
            }
            """);
    }
}
