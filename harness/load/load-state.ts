// What a load run knows about its own data: the users and the group it created (every name carries the
// run prefix, so nothing here can touch anyone else's resources) and which users are members, so member
// adds add a non-member and removes remove a member. A re-add of a present member is a no-op that some
// servers answer without writing anything: it would measure the wrong thing. JavaScript runs one worker
// step at a time, so taking a user from one set to the other is atomic across connections.

export interface UserRef {
  readonly id: string;
  readonly userName: string;
}

export class LoadState {
  readonly prefix: string;
  readonly #users: UserRef[] = [];
  readonly #members: string[] = [];
  readonly #outside: string[] = [];
  #groupId: string | undefined;
  #counter = 0;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  /** A new unique name with the run prefix, e.g. "scimc-ab12cd-load-17". */
  nextName(label: string): string {
    this.#counter += 1;
    return `${this.prefix}${label}-${this.#counter}`;
  }

  addUser(user: UserRef, member: boolean): void {
    this.#users.push(user);
    (member ? this.#members : this.#outside).push(user.id);
  }

  get users(): readonly UserRef[] {
    return this.#users;
  }

  get groupId(): string | undefined {
    return this.#groupId;
  }

  setGroup(id: string): void {
    this.#groupId = id;
  }

  pickUser(random: () => number): UserRef | undefined {
    return this.#users[Math.floor(random() * this.#users.length)];
  }

  /** A non-member, now counted as a member (the request about to be sent makes it one). */
  takeNonMember(random: () => number): string | undefined {
    return move(this.#outside, this.#members, random);
  }

  /** A member, now counted as a non-member. */
  takeMember(random: () => number): string | undefined {
    return move(this.#members, this.#outside, random);
  }
}

function move(from: string[], to: string[], random: () => number): string | undefined {
  if (from.length === 0) return undefined;
  const at = Math.floor(random() * from.length);
  const [id] = from.splice(at, 1);
  if (id !== undefined) to.push(id);
  return id;
}
