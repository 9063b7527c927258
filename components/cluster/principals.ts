import { roleNameOf } from "../core/iam";

export { roleNameOf };
