using System;
using System.Collections.Specialized;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ClientIp.Tests;

/// <summary>
/// <see cref="ClientIpHttpListenerExtensions"/> with a real <see cref="HttpListener"/> on 127.0.0.1, and the
/// <see cref="NameValueCollection"/> overload of <see cref="ClientIpResolver.Resolve(IPAddress?, int?, NameValueCollection)"/>.
/// Requests are written on a raw socket so that the header lines arrive exactly as written.
/// </summary>
public sealed class HttpListenerTests
{
    [Fact]
    public async Task DefaultsTrustTheLoopbackPeer()
    {
        var answer = await AskAsync(
            request => $"{request.GetClientIpAddress()} {request.GetClientIpResult().Status}",
            "X-Forwarded-For: 198.51.100.1, 203.0.113.7, 127.0.0.5");

        Assert.Equal("203.0.113.7 ForwardedHeader", answer);
    }

    [Fact]
    public async Task TheManagedListenerKeepsOnlyTheLastLineOfARepeatedHeader()
    {
        // HttpListener outside Windows replaces a repeated header with its last line (docs/resolver.md says so). The
        // earlier lines are the ones further from the app, so losing them can only shorten the walk, never let a client in.
        var answer = await AskAsync(
            request => $"{request.Headers.Get("X-Forwarded-For")} -> {request.GetClientIpAddress()} {request.GetClientIpResult().Status}",
            "X-Forwarded-For: 198.51.100.1, 203.0.113.7", "X-Forwarded-For: 127.0.0.5");

        Assert.Equal("127.0.0.5 -> 127.0.0.5 AllHopsTrusted", answer);
    }

    [Fact]
    public async Task WithoutAHeaderThePeerAndItsPortAreTheAnswer()
    {
        var answer = await AskAsync(request =>
        {
            var result = request.GetClientIpResult();
            return $"{result.Address} {result.Port == request.RemoteEndPoint.Port} {result.Status} {result.IsConclusive}";
        });

        // 127.0.0.1 is a trusted proxy by default, so its own request is not conclusive.
        Assert.Equal("127.0.0.1 True RemoteAddress False", answer);
    }

    [Fact]
    public async Task AConfiguredResolverIsUsed()
    {
        var options = new ClientIpOptions { ForwardedHeader = "Forwarded" };
        var resolver = new ClientIpResolver(options);

        var answer = await AskAsync(
            request => $"{request.GetClientIpAddress(resolver)} {request.GetClientIpResult(resolver).Port}",
            "Forwarded: for=\"[2001:db8::7]:4711\";host=\"bücher\"", "X-Forwarded-For: 203.0.113.9");

        Assert.Equal("2001:db8::7 4711", answer);
    }

    [Fact]
    public async Task AnUntrustedPeerIsNotBelieved()
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Clear();
        var resolver = new ClientIpResolver(options);

        var answer = await AskAsync(request => $"{request.GetClientIpAddress(resolver)} {request.GetClientIpResult(resolver).Status}", "X-Forwarded-For: 203.0.113.7");

        Assert.Equal("127.0.0.1 UntrustedPeerSentHeaders", answer);
    }

    [Theory]
    [InlineData(new[] { "203.0.113.7", "127.0.0.2" }, "203.0.113.7", ClientIpStatus.ForwardedHeader)]
    [InlineData(new[] { "1.1.1.1, 203.0.113.7", "" }, "203.0.113.7", ClientIpStatus.ForwardedHeader)]
    [InlineData(new string[0], "127.0.0.1", ClientIpStatus.RemoteAddress)]
    public void NameValueCollectionLinesAreCombinedInOrder(string[] lines, string expected, ClientIpStatus status)
    {
        var headers = new NameValueCollection();
        foreach (var line in lines)
        {
            headers.Add("x-forwarded-for", line);
        }

        var result = new ClientIpResolver(new ClientIpOptions()).Resolve(IPAddress.Loopback, 4000, headers);

        Assert.Equal(expected, result.Address?.ToString());
        Assert.Equal(status, result.Status);
    }

    [Fact]
    public void NameValueCollectionSingleAddressHeaderOnTwoLinesIsAmbiguous()
    {
        var headers = new NameValueCollection { { "X-Real-IP", "203.0.113.7" }, { "X-Real-IP", "198.51.100.1" } };

        var result = new ClientIpResolver(new ClientIpOptions { ForwardedHeader = "X-Real-IP" }).Resolve(IPAddress.Loopback, null, headers);

        Assert.Equal(ClientIpStatus.AmbiguousHeader, result.Status);
    }

    [Fact]
    public void NullArgumentsThrow()
    {
        var resolver = new ClientIpResolver(new ClientIpOptions());
        Assert.Throws<ArgumentNullException>(() => resolver.Resolve(IPAddress.Loopback, null, (NameValueCollection)null!));
        Assert.Throws<ArgumentNullException>(() => ((HttpListenerRequest)null!).GetClientIpResult());
    }

    /// <summary>Sends GET / from 127.0.0.1 with <paramref name="headerLines"/> and returns what the handler answered.</summary>
    private static async Task<string> AskAsync(Func<HttpListenerRequest, string> handler, params string[] headerLines)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var listener = StartListener(out var port);
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var body = Encoding.UTF8.GetBytes(handler(context.Request));
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        });

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var stream = client.GetStream();
        var request = new StringBuilder($"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
        foreach (var line in headerLines)
        {
            request.Append(line).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.Append("\r\n").ToString()), timeout.Token);
        var response = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(timeout.Token);
        await serve.WaitAsync(timeout.Token);
        return response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
    }

    private static HttpListener StartListener(out int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // the port was taken in between: try another
            }
        }
    }
}
