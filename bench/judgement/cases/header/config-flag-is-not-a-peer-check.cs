// "BehindProxy" is a setting, not a check of who connected: any client can still send the header.
public class ClientAddressProvider
{
    private readonly bool _behindProxy;

    public ClientAddressProvider(IConfiguration configuration) => _behindProxy = configuration.GetValue<bool>("BehindProxy");

    public string? Get(HttpContext context)
    {
        if (_behindProxy)
        {
            return {|CIP0002:context.Request.Headers["X-Real-IP"]|}.ToString();
        }

        return context.Connection.RemoteIpAddress?.ToString();
    }
}
