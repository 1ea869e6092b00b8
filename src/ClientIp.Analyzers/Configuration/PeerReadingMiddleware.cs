using System;
using System.Threading;
using ClientIp.Analyzers.Common;
using ClientIp.Analyzers.Reads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Configuration;

/// <summary>
/// Middleware of the app that reads the direct peer's address for a decision (an allow-list, a ban, a rate-limit key):
/// registered before <c>UseForwardedHeaders</c>/<c>UseClientIp</c>, it sees the proxy (CIP0005). Recognised:
/// <c>app.Use(...)</c>/<c>app.Run(...)</c> with a lambda or a method of this compilation, the predicate of
/// <c>app.UseWhen(...)</c>/<c>app.MapWhen(...)</c>, <c>app.UseMiddleware&lt;T&gt;()</c> (or <c>typeof(T)</c>) with T's
/// <c>Invoke</c>/<c>InvokeAsync</c>, and one level of the app's own <c>UseXxx()</c> extension that registers one of those.
/// </summary>
/// <remarks>
/// Only asked about calls that come before a forwarding call on the same builder, so its body walks are rare. Reads
/// that only log or test for null, and the app's own proxy-trust code, do not count (as for CIP0001).
/// </remarks>
internal static class PeerReadingMiddleware
{
    private const string BuilderNamespace = "Microsoft.AspNetCore.Builder";

    /// <summary>The name the message shows (<c>Use</c>, <c>UseMiddleware&lt;IpAllowList&gt;</c>, <c>UseIpAllowList</c>), or null.</summary>
    public static string? Registers(IInvocationOperation call, WellKnownSymbols symbols, CancellationToken ct) => Registers(call, symbols, ct, depth: 0);

    private static string? Registers(IInvocationOperation call, WellKnownSymbols symbols, CancellationToken ct, int depth)
    {
        var method = call.TargetMethod;
        switch (method.Name)
        {
            case "Use" or "Run" or "UseWhen" or "MapWhen" when IsFramework(method):
                foreach (var argument in call.Arguments)
                {
                    if (DelegateBody(argument.Value, symbols, ct) is { } body && ReadsPeer(body, symbols, ct))
                    {
                        return method.Name;
                    }
                }

                return null;
            case "UseMiddleware" when IsFramework(method):
                var type = method.IsGenericMethod && method.TypeArguments.Length == 1
                    ? method.TypeArguments[0]
                    : FirstTypeOf(call);
                return type is INamedTypeSymbol middleware && InvokeReadsPeer(middleware, symbols, ct) ? "UseMiddleware<" + middleware.Name + ">" : null;
            default:
                // The app's own `app.UseIpAllowList()` wrapping `app.UseMiddleware<IpAllowListMiddleware>()`: one level.
                if (depth > 0 || !method.Name.StartsWith("Use", StringComparison.Ordinal) ||
                    OperationWalk.SourceBody(method.ReducedFrom ?? method, symbols.Compilation, ct) is not { } wrapper)
                {
                    return null;
                }

                foreach (var descendant in wrapper.Descendants())
                {
                    if (descendant is IInvocationOperation inner && Registers(inner, symbols, ct, depth + 1) is not null)
                    {
                        return method.Name;
                    }
                }

                return null;
        }
    }

    // ASP.NET Core's Use/Run/UseWhen/MapWhen/UseMiddleware (extension classes in the builder namespace, or IApplicationBuilder.Use).
    private static bool IsFramework(IMethodSymbol method)
    {
        var type = (method.ReducedFrom ?? method).ContainingType;
        return type.ContainingType is null && Members.HasFullName(type, BuilderNamespace + "." + type.Name) && type.Locations.Length > 0 && type.Locations[0].IsInMetadata;
    }

    private static ITypeSymbol? FirstTypeOf(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (OperationWalk.SkipConversions(argument.Value) is ITypeOfOperation typeOf)
            {
                return typeOf.TypeOperand;
            }
        }

        return null;
    }

    /// <summary>A lambda's body, or the body of a method of this compilation passed as a method group.</summary>
    private static IOperation? DelegateBody(IOperation argument, WellKnownSymbols symbols, CancellationToken ct) =>
        OperationWalk.SkipConversions(argument) switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda.Body,
            IAnonymousFunctionOperation lambda => lambda.Body,
            IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => OperationWalk.SourceBody(reference.Method, symbols.Compilation, ct),
            _ => null,
        };

    private static bool InvokeReadsPeer(INamedTypeSymbol middleware, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var member in middleware.GetMembers())
        {
            if (member is IMethodSymbol { Name: "Invoke" or "InvokeAsync" } invoke &&
                OperationWalk.SourceBody(invoke, symbols.Compilation, ct) is { } body && ReadsPeer(body, symbols, ct))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsPeer(IOperation body, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var descendant in body.DescendantsAndSelf())
        {
            ct.ThrowIfCancellationRequested();
            if (descendant is IPropertyReferenceOperation or IInvocationOperation &&
                PeerAddress.Match(descendant, symbols, ct) is { IsAspNetCore: true } read &&
                !OperationWalk.IsWriteTarget(read.Operation) &&
                ValueUses.Summarize(read.Operation, isText: true, symbols, ct) is { OnlyPresence: false, OnlyLogging: false } &&
                !TrustedPeerCheck.IsProxyTrustCode(read.Operation, containingSymbol: null, symbols, ct))
            {
                return true;
            }
        }

        return false;
    }
}
