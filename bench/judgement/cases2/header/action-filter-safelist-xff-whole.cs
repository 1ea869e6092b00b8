// An action filter admits callers whose X-Forwarded-For value is in a configured safelist: the caller writes that header. CIP0002 (whole value, not the leftmost entry).
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

public class IpSafelistFilterAttribute : ActionFilterAttribute
{
    private string[] _allowed = Array.Empty<string>();

    public string Safelist
    {
        get => string.Join(';', _allowed);
        set => _allowed = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public override void OnActionExecuting(ActionExecutingContext context)
    {
        string? callers = {|CIP0002:context.HttpContext?.Request.Headers["X-Forwarded-For"]|}.ToString();
        if (string.IsNullOrWhiteSpace(callers) || !_allowed.Contains(callers.Trim()))
        {
            context.Result = new ForbidResult();
            return;
        }

        base.OnActionExecuting(context);
    }
}
