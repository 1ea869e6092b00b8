using Microsoft.Extensions.Options;

namespace ClientIp;

/// <summary>Reports invalid options when the host starts, with the same messages as <see cref="ClientIpResolver"/>.</summary>
internal sealed class ClientIpOptionsValidator : IValidateOptions<ClientIpOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientIpOptions options)
    {
        var errors = ClientIpResolver.Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
