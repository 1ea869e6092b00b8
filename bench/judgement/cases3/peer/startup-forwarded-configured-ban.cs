// Startup-style app configures ForwardedHeadersOptions (XForwardedFor, a known proxy) and calls UseForwardedHeaders first, so RemoteIpAddress is the client for the controller's abuse block. Quiet.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;

public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddControllers();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Add(IPAddress.Parse("10.20.0.4"));
        });
    }

    public void Configure(IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseRouting();
        app.UseAuthorization();
        app.UseEndpoints(endpoints => endpoints.MapControllers());
    }
}

[ApiController]
[Route("api/comments")]
public class CommentsController : ControllerBase
{
    private static readonly HashSet<string> Blocked = new() { "198.51.100.23" };

    [HttpPost]
    public IActionResult Post([FromBody] string text)
    {
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (ip is not null && Blocked.Contains(ip))
        {
            return Forbid();
        }
        return Ok(text.Length);
    }
}
