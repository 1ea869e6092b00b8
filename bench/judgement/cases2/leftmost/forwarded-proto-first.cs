// Takes the first X-Forwarded-Proto value (Split(',')[0]) to decide whether to redirect to https: a scheme, not a client address. Quiet.
public sealed class SchemeRedirectMiddleware
{
    private readonly RequestDelegate _next;

    public SchemeRedirectMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        var proto = context.Request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim();
        if (proto.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect("https://" + context.Request.Host + context.Request.Path + context.Request.QueryString, true);
            return Task.CompletedTask;
        }

        return _next(context);
    }
}
