// Startup configures ForwardedHeaders (XForwardedFor, the ingress as known proxy) and applies it first; the controller's ban check then sees the client. Quiet.
// file: Startup.cs
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

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
        app.UseEndpoints(endpoints => endpoints.MapControllers());
    }
}
// file: CommentsController.cs
using System.Net;
using Microsoft.AspNetCore.Mvc;

[ApiController]
[Route("api/comments")]
public class CommentsController : ControllerBase
{
    private static readonly HashSet<IPAddress> Banned = new() { IPAddress.Parse("198.51.100.23") };

    [HttpPost]
    public IActionResult Post([FromBody] string text)
    {
        var author = HttpContext.Connection.RemoteIpAddress;
        if (author is not null && Banned.Contains(author))
        {
            return Forbid();
        }

        return Ok(new { text, author = author?.ToString() });
    }
}
