// Startup.Configure registers authentication and authorization before UseForwardedHeaders: cookies and redirect URIs are built for http and address policies see the proxy. CIP0005.
using Microsoft.AspNetCore.HttpOverrides;

public sealed class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddAuthentication("Cookies").AddCookie("Cookies");
        services.AddAuthorization();
        services.AddRazorPages();
    }

    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        if (!env.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        {|CIP0005:app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
        })|};
        app.UseEndpoints(endpoints => endpoints.MapRazorPages());
    }
}
