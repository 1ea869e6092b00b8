using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ClientIp;

/// <summary>
/// Builds <see cref="ClientIpServices"/> when the host starts, so that the <c>UnsafeTrustEveryPeer</c> warning is in the
/// startup log even when only <c>GetClientIpAddress()</c> is used, which would otherwise build them on the first request.
/// </summary>
internal sealed class ClientIpServicesActivator : IHostedService
{
    // Taking the dependency is the whole job: the container builds (and logs) the singleton before StartAsync runs.
    public ClientIpServicesActivator(ClientIpServices services)
    {
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
