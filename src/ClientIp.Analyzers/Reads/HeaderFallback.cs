using System.Collections.Generic;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// The "header, else the peer" idiom: <c>headers["X-Real-IP"].FirstOrDefault() ?? ctx.Connection.RemoteIpAddress?.ToString()</c>
/// and its ternary, <c>if (TryGetValue(...)) ... else ...</c> and early-return spellings. The mistake there is the
/// header read (CIP0002/CIP0003, reported on the read); the fallback to the peer is what the resolver does too, so
/// CIP0001 is not reported on it. One mistake, one diagnostic.
/// </summary>
internal static class HeaderFallback
{
    public static bool IsFallback(IOperation peerRead, WellKnownSymbols symbols, CancellationToken ct)
    {
        for (IOperation? child = peerRead, parent = peerRead.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            ct.ThrowIfCancellationRequested();
            if (OperationWalk.IsFunctionBoundary(child))
            {
                return false;
            }

            switch (parent)
            {
                case ICoalesceOperation coalesce when coalesce.WhenNull == child && ReadsHeader(coalesce.Value, symbols, ct):
                    return true;
                case IConditionalOperation conditional when conditional.Condition != child:
                    var other = conditional.WhenTrue == child ? conditional.WhenFalse : conditional.WhenTrue;
                    if (ReadsHeader(conditional.Condition, symbols, ct) || (other is not null && ReadsHeader(other, symbols, ct)))
                    {
                        return true;
                    }

                    break;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (statement == child)
                        {
                            break;
                        }

                        if (statement is IConditionalOperation { WhenTrue: IReturnOperation or IBlockOperation } guard && ReadsHeader(guard.Condition, symbols, ct))
                        {
                            return true;
                        }

                        // foreach (var name in names) { ... return the header ... } then the peer.
                        if (statement is ILoopOperation loop && ReturnsFrom(loop.Body) && ReadsHeader(loop.Body, symbols, ct))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return SharesDestinationWithHeader(peerRead, symbols, ct);
    }

    private static bool ReturnsFrom(IOperation body)
    {
        foreach (var descendant in body.Descendants())
        {
            if (descendant is IReturnOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The peer as an alternative to a header value for the same destination, however the code is laid out: the peer
    /// is returned where another return of the same function gives a header value (<c>if (flag) return header; return
    /// peer;</c>), is the arm of a switch expression whose other arms read headers, or is stored in a local that is
    /// elsewhere set from a header (<c>client = peer; if (...) client = parsed;</c>, <c>client ??= peer</c>).
    /// The mistake is the header read, reported there; the peer is what the resolver falls back to as well.
    /// </summary>
    private static bool SharesDestinationWithHeader(IOperation peerRead, WellKnownSymbols symbols, CancellationToken ct)
    {
        var value = peerRead;
        for (var steps = 0; steps < 16 && value.Parent is { } parent; steps++)
        {
            switch (parent)
            {
                case IConversionOperation:
                case ICoalesceOperation:
                case IConditionalOperation { Type: not null } ternary when ternary.Condition != value:
                case IConditionalAccessOperation access when access.Operation == value || access.WhenNotNull == value:
                case IPropertyReferenceOperation { Property.Name: "Address" } endPoint when endPoint.Instance == value:
                    value = parent;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ToString" or "MapToIPv4" or "MapToIPv6" } invocation when invocation.Instance == value:
                    value = parent;
                    continue;
                case IReturnOperation:
                    return OtherReturnReadsHeader(parent, symbols, ct);
                case ISwitchExpressionArmOperation arm when arm.Value == value && arm.Parent is ISwitchExpressionOperation switchExpression:
                    // edge switch { Edge.Cloudflare => headers["CF-Connecting-IP"], _ => peer }
                    foreach (var other in switchExpression.Arms)
                    {
                        if (other != arm && ReadsHeader(other.Value, symbols, ct))
                        {
                            return true;
                        }
                    }

                    value = switchExpression;
                    continue;
                case ICoalesceAssignmentOperation { Target: ILocalReferenceOperation target } coalesceAssignment when coalesceAssignment.Value == value:
                    return LocalIsSetFromHeader(target.Local, value, symbols, ct); // address ??= peer after the header branches
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return LocalIsSetFromHeader(declarator.Symbol, value, symbols, ct);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == value:
                    return LocalIsSetFromHeader(target.Local, value, symbols, ct);
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool OtherReturnReadsHeader(IOperation peerReturn, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var operation in OperationWalk.EnclosingFunction(peerReturn).Descendants())
        {
            if (operation != peerReturn && operation is IReturnOperation { ReturnedValue: { } returned } &&
                SameFunction(operation, peerReturn) && ReadsHeader(returned, symbols, ct))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LocalIsSetFromHeader(ILocalSymbol local, IOperation peerValue, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var assigned in Assignments(OperationWalk.Root(peerValue), local, ct))
        {
            if (!OperationWalk.IsWithin(peerValue, assigned) && ReadsHeader(assigned, symbols, ct))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameFunction(IOperation a, IOperation b) => OperationWalk.EnclosingFunction(a) == OperationWalk.EnclosingFunction(b);

    /// <summary>Whether the operation reads a client-IP header: directly, through a <c>[FromHeader]</c> parameter, or
    /// through locals set from one (their initializers, assignments and the calls that fill them as <c>out</c> arguments,
    /// a few hops deep).</summary>
    public static bool ReadsHeader(IOperation scope, WellKnownSymbols symbols, CancellationToken ct) =>
        ReadsHeader(scope, symbols, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), depth: 0, ct);

    private const int MaxLocalHops = 4;

    private static bool ReadsHeader(IOperation scope, WellKnownSymbols symbols, HashSet<ILocalSymbol> followed, int depth, CancellationToken ct)
    {
        foreach (var descendant in scope.DescendantsAndSelf())
        {
            ct.ThrowIfCancellationRequested();
            switch (descendant)
            {
                case IPropertyReferenceOperation or IInvocationOperation when HeaderReadMatcher.Match(descendant, symbols, ct) is not null:
                    return true;
                case IParameterReferenceOperation parameter when FromHeader.HeaderOf(parameter.Parameter, symbols) is not null:
                    return true;
                case ILocalReferenceOperation local when depth < MaxLocalHops && followed.Add(local.Local):
                    foreach (var source in Assignments(OperationWalk.Root(local), local.Local, ct))
                    {
                        if (ReadsHeader(source, symbols, followed, depth + 1, ct))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// What a local is set from in <paramref name="root"/>: its initializer, the values assigned to it, and the call it
    /// is an <c>out</c> argument of (<c>TryGetValue("X-Real-IP", out var v)</c>, <c>IPAddress.TryParse(text, out var ip)</c>).
    /// </summary>
    private static IEnumerable<IOperation> Assignments(IOperation root, ILocalSymbol local, CancellationToken ct)
    {
        foreach (var operation in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    yield return initial;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    yield return assignment.Value;
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out, Value: var written, Parent: IInvocationOperation call }
                    when OutLocal(written) is { } target && SymbolEqualityComparer.Default.Equals(target, local):
                    yield return call;
                    break;
            }
        }
    }

    private static ILocalSymbol? OutLocal(IOperation written) => written switch
    {
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
        ILocalReferenceOperation existing => existing.Local,
        _ => null,
    };
}
