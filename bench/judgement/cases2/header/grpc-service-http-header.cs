// A gRPC device-registration service records X-Real-IP from the underlying HttpContext as the device's address: anyone calling the service directly can set it. CIP0002.
using Grpc.Core;

public record DeviceRegistration(string DeviceId, string Address, DateTimeOffset At);

public class DeviceRegistry
{
    public List<DeviceRegistration> Items { get; } = new();
}

public class DeviceService
{
    private readonly DeviceRegistry _registry;

    public DeviceService(DeviceRegistry registry) => _registry = registry;

    public Task<bool> Register(string deviceId, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var address = {|CIP0002:http.Request.Headers["X-Real-IP"]|}.FirstOrDefault() ?? "unknown";
        _registry.Items.Add(new DeviceRegistration(deviceId, address, DateTimeOffset.UtcNow));
        return Task.FromResult(true);
    }
}
