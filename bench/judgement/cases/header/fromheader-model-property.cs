// An MVC request model binds CF-Connecting-IP.
using Microsoft.AspNetCore.Mvc;

public class SignupRequest
{
    [FromBody]
    public string Email { get; set; } = "";

    [{|CIP0002:FromHeader(Name = "CF-Connecting-IP")|}]
    public string? ClientIp { get; set; }
}

[ApiController]
public class SignupController : ControllerBase
{
    [HttpPost("signup")]
    public IActionResult Signup(SignupRequest request) => request.ClientIp is null ? BadRequest() : Ok();
}
