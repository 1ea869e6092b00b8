using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Threading.Tasks;
using ClientIp.IntegrationTests.Infrastructure;

namespace ClientIp.IntegrationTests.ProxyChain;

/// <summary>
/// Issue #14 item 1 with the real chain: nginx sends X-Forwarded-Proto https (as a TLS-terminating proxy would), the app
/// has UseForwardedProto, UseClientIp() and UseHttpsRedirection(). Through the proxies the request is https and is not
/// redirected; a client that sends its own X-Forwarded-Proto straight to the app is not believed and is redirected.
/// </summary>
public sealed class ForwardedProtoThroughNginxTests(ProxyChainFixture fixture) : IClassFixture<ProxyChainFixture>
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.9");

    [SkippableFact]
    public async Task Through_the_proxies_the_scheme_is_https_and_nothing_redirects()
    {
        var chain = fixture.RunningChain();
        await using var app = await WhoAmIApp.StartAsync(chain.AppEndPoint, "appsettings.proto.json", httpsRedirection: true);
        using var http = Loopback.ClientBoundTo(Client);

        using var response = await http.GetAsync($"http://{chain.Entry}/whoami");

        var context = $"{(int)response.StatusCode} {response.Headers.Location}\n--- app log:\n{app.Log}\n{chain.Logs()}";
        Assert.True(response.StatusCode == HttpStatusCode.OK, context);
        var answer = await response.Content.ReadFromJsonAsync<WhoAmIAnswer>();
        Assert.True(answer is { Scheme: "https", Client: "127.0.0.9" }, $"{answer}\n{context}");
    }

    [SkippableFact]
    public async Task A_client_sending_its_own_X_Forwarded_Proto_directly_is_redirected()
    {
        var chain = fixture.RunningChain();
        await using var app = await WhoAmIApp.StartAsync(chain.AppEndPoint, "appsettings.proto.json", httpsRedirection: true);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(Client, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{chain.AppEndPoint}/whoami");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.TemporaryRedirect, $"{(int)response.StatusCode}\n--- app log:\n{app.Log}");
        Assert.Equal($"https://{chain.AppEndPoint.Address}/whoami", response.Headers.Location?.ToString());
    }
}
