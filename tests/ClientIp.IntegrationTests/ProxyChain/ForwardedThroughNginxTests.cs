using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace ClientIp.IntegrationTests.ProxyChain;

/// <summary>
/// Issue #13 item 1 with real nginx writing RFC 7239 Forwarded (nginx.conf, second server): client 127.0.0.9 → nginx
/// 127.0.0.3 → app reading Forwarded and trusting 127.0.0.3. A long, raw UTF-8 or quote-containing Host that nginx
/// copies into host="..." must not hand the answer to nginx; and the unsafe configuration's injection is shown as the
/// hazard docs/resolver.md describes, next to the safe configuration that resists it.
/// </summary>
public sealed class ForwardedThroughNginxTests(ProxyChainFixture fixture, ITestOutputHelper log) : IClassFixture<ProxyChainFixture>
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.9");

    /// <summary>Host headers the client sends, as raw bytes.</summary>
    public static TheoryData<string, string> Hosts => new()
    {
        { "/unsafe", "plain.example" },
        { "/unsafe", new string('a', 1100) + ".example" },
        { "/unsafe", "bücher.example" },
        { "/unsafe", "a\"b.example" },
        { "/unsafe", "a\"b\"c\".example" },
        { "/safe", new string('a', 1100) + ".example" },
        { "/safe", "bücher.example" },
        { "/safe", "x\",for=6.6.6.6;host=\"y" },
    };

    [SkippableTheory]
    [MemberData(nameof(Hosts))]
    public async Task The_client_is_the_answer_whatever_the_Host(string path, string host)
    {
        var chain = fixture.RunningChain();
        await using var app = await WhoAmIApp.StartAsync(chain.AppEndPoint, "appsettings.forwarded.json");

        var (answer, context) = await AskAsync(chain, app, path, host);

        Assert.True(answer.Client == "127.0.0.9", $"GetClientIpAddress() answered {answer.Client}.\n{context}");
        Assert.True(answer.RemoteIpAddress == "127.0.0.9", $"UseClientIp() set RemoteIpAddress to {answer.RemoteIpAddress}.\n{context}");
        Assert.True(answer.Why.EndsWith("(ForwardedHeader)", StringComparison.Ordinal), context);
    }

    [SkippableFact]
    public async Task The_unsafe_configuration_lets_a_Host_inject_a_for_element()
    {
        // The hazard, measured: nginx does not escape $host, so any right-to-left reader believes the injected element.
        var chain = fixture.RunningChain();
        await using var app = await WhoAmIApp.StartAsync(chain.AppEndPoint, "appsettings.forwarded.json");

        var (answer, context) = await AskAsync(chain, app, "/unsafe", "x\",for=6.6.6.6;host=\"y");

        Assert.True(answer.Forwarded == "for=127.0.0.9;host=\"x\",for=6.6.6.6;host=\"y\";proto=http", context);
        Assert.True(answer.Client == "6.6.6.6", context);
    }

    private async Task<(WhoAmIAnswer Answer, string Context)> AskAsync(ProxyChain chain, WhoAmIApp app, string path, string host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(Client, 0));
        await socket.ConnectAsync(chain.NginxForwardedEndPoint, timeout.Token);

        // HTTP/1.0 so that nginx answers without chunking and closes the connection; the Host goes out as raw UTF-8.
        var request = Encoding.UTF8.GetBytes($"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n");
        await socket.SendAsync(request, SocketFlags.None, timeout.Token);
        var received = new System.IO.MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        var response = Encoding.UTF8.GetString(received.ToArray());
        var context = $"GET {path} with Host: {(host.Length > 80 ? host[..40] + $"...({host.Length} chars)" : host)}\n" +
                      $"Response:\n{response}\n--- app log:\n{app.Log}\n{chain.Logs()}";
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.True(response.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), context);
        var answer = JsonSerializer.Deserialize<WhoAmIAnswer>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                     ?? throw new InvalidOperationException(context);
        log.WriteLine($"{path} {host.Length} chars: {answer}");
        return (answer, context);
    }
}
