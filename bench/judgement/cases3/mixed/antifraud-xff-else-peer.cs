// Anti-fraud device record takes the first X-Forwarded-For value, else the peer: the fallback is fine, the first header value is the client's own claim. CIP0003 only.
public sealed record DeviceSeen(string UserId, string? Address, string? UserAgent);

public interface IDeviceHistory
{
    bool IsNewDevice(DeviceSeen seen);
}

public sealed class NewDeviceCheck(IDeviceHistory history, IHttpContextAccessor accessor)
{
    public bool RequiresSecondFactor(string userId)
    {
        var http = accessor.HttpContext!;
        string? address = {|CIP0003:http.Request.Headers["X-Forwarded-For"].FirstOrDefault()|}
            ?? http.Connection.RemoteIpAddress?.ToString();
        return history.IsNewDevice(new DeviceSeen(userId, address, http.Request.Headers.UserAgent.ToString()));
    }
}
