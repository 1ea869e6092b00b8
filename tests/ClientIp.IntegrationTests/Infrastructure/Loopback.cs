using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ClientIp.IntegrationTests.Infrastructure;

/// <summary>
/// Loopback plumbing: Linux routes all of 127.0.0.0/8 to the loopback interface, so every party in a test gets an
/// address of its own and the addresses the resolver sees tell who connected.
/// </summary>
public static class Loopback
{
    /// <summary>A TCP port that is free on <paramref name="address"/> right now.</summary>
    public static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Why this machine cannot bind <paramref name="address"/>, or null when it can.</summary>
    public static string? CannotBind(IPAddress address)
    {
        try
        {
            FreePort(address);
            return null;
        }
        catch (SocketException e)
        {
            return $"cannot bind {address} on this machine ({e.SocketErrorCode}); these tests need the whole 127.0.0.0/8 on loopback";
        }
    }

    /// <summary>Waits until something accepts TCP connections at <paramref name="endPoint"/>; false after the timeout.</summary>
    public static async Task<bool> WaitUntilListeningAsync(IPEndPoint endPoint, TimeSpan timeout, Func<bool>? givingUp = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && givingUp?.Invoke() != true)
        {
            try
            {
                using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await socket.ConnectAsync(endPoint, attempt.Token);
                return true;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }

    /// <summary>An HTTP client whose connections all leave from <paramref name="source"/>.</summary>
    public static HttpClient ClientBoundTo(IPAddress source) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
}
