import { PlexusError } from "../sim/errors.ts";

/** No subnet folder with this name was found on the search path. */
export class UnknownSubnetError extends PlexusError {
  constructor(name: string, known: string[]) {
    super(
      "SUBNET_UNKNOWN",
      `no subnet named "${name}" (known: ${known.join(", ") || "none"}); see plexus subnet list`,
      {
        meta: { name, known },
      },
    );
    this.name = "UnknownSubnetError";
  }
}

/** A subnet folder exists but does not export a usable SubnetDefinition. */
export class InvalidSubnetError extends PlexusError {
  constructor(dir: string, problem: string) {
    super("SUBNET_INVALID", `subnet at ${dir} is not usable: ${problem} (see docs/subnets.md)`, {
      meta: { dir, problem },
    });
    this.name = "InvalidSubnetError";
  }
}

/** `plexus subnet new` would overwrite an existing folder. */
export class SubnetExistsError extends PlexusError {
  constructor(dir: string) {
    super("SUBNET_EXISTS", `${dir} already exists; pick another name or remove it`, { meta: { dir } });
    this.name = "SubnetExistsError";
  }
}
