"""The posable body: skeleton, joints, forward kinematics, cameras, placement (no Qt)."""
